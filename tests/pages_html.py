"""What a feedback page carries that a browser would run."""

import html.parser


class ActiveContent(html.parser.HTMLParser):
    """Scripts, event-handler attributes and javascript: links that carry the payload."""

    def __init__(self, payload="pwned"):
        super().__init__()
        self.payload = payload
        self.found, self.in_script = [], False

    def handle_starttag(self, tag, attrs):
        self.in_script = tag == "script"
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and self.payload in value:
                self.found.append(f"<{tag} {name}>")
            if name in ("href", "src") and value.strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")

    def handle_endtag(self, tag):
        self.in_script = False

    def handle_data(self, data):
        if self.in_script and self.payload in data:
            self.found.append("<script>")


def active_content(page, payload="pwned"):
    parser = ActiveContent(payload)
    parser.feed(page)
    return parser.found
