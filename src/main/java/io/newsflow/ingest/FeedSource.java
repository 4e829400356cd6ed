package io.newsflow.ingest;

import io.newsflow.schema.RawArticle;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams the items of an RSS 2.0 / RSS 1.0 or the entries of an Atom 1.0 feed with StAX, one {@link ReadResult}
 * per item ({@code file#item N}) or entry ({@code file#entry N}). DTDs are never processed or fetched, so only the
 * XML built-in entities are expanded and external entities cannot be resolved; external DTD and schema access is
 * disabled. Items completed before a well-formedness error are kept; the error ends the file with one failure for
 * the file. Not thread-safe.
 */
final class FeedSource extends ItemSource {

    static final String CONTENT_NS = "http://purl.org/rss/1.0/modules/content/";
    static final String DC_NS = "http://purl.org/dc/elements/1.1/";
    static final String RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    static final int MAX_ITEM_DEPTH = 256;

    private static final Logger LOG = LoggerFactory.getLogger(FeedSource.class);
    private static final String XML_LANG = "{" + XMLConstants.XML_NS_URI + "}lang";
    private static final Pattern EMAIL_WITH_NAME = Pattern.compile("\\S+@\\S+\\s*\\((.+)\\)");

    private enum Kind { RSS, ATOM }

    private final Path file;
    private InputStream in;
    private XMLStreamReader xml;
    private Kind kind;
    private String rootNs;
    private String channelNs;
    private final Deque<String> open = new ArrayDeque<>();
    private String source;
    private String language;
    private final List<String> feedAuthors = new ArrayList<>();
    private int count;

    FeedSource(Path file) {
        super(file.toString());
        this.file = file;
    }

    @Override
    protected ReadResult advance() {
        try {
            if (xml == null) {
                ReadResult notFeed = openAndReadRoot();
                if (notFeed != null) {
                    done = true;
                    return notFeed;
                }
            }
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.END_ELEMENT) {
                    open.pop();
                } else if (event == XMLStreamConstants.START_ELEMENT) {
                    ReadResult item = kind == Kind.RSS ? rssElement() : atomElement();
                    if (item != null) {
                        return item;
                    }
                }
            }
            done = true;
            return null;
        } catch (XMLStreamException e) {
            done = true;
            return ReadResult.failed(location(), "malformed feed XML" + where(e.getLocation()) + ": " + message(e));
        } catch (IOException e) {
            done = true;
            return ReadResult.failed(location(), "cannot read: " + ArticleReader.describe(e));
        }
    }

    private ReadResult openAndReadRoot() throws IOException, XMLStreamException {
        in = new BufferedInputStream(Files.newInputStream(file));
        xml = factory().createXMLStreamReader(in);
        int event = xml.getEventType();
        while (event != XMLStreamConstants.START_ELEMENT && xml.hasNext()) {
            event = xml.next();
        }
        if (event != XMLStreamConstants.START_ELEMENT) {
            return ReadResult.failed(location(), "malformed feed XML: no root element");
        }
        String root = xml.getLocalName();
        rootNs = nullToEmpty(xml.getNamespaceURI());
        switch (root) {
            case "rss", "RDF" -> kind = Kind.RSS;
            case "feed" -> {
                kind = Kind.ATOM;
                language = languageCode(xml.getAttributeValue(XMLConstants.XML_NS_URI, "lang"));
            }
            default -> {
                return ReadResult.failed(location(), "not an RSS or Atom feed (root element <" + root + ">)");
            }
        }
        open.push(root);
        return null;
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXMLResolver((publicId, systemId, baseUri, namespace) -> new ByteArrayInputStream(new byte[0]));
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    private ReadResult rssElement() throws XMLStreamException {
        String name = xml.getLocalName();
        String ns = nullToEmpty(xml.getNamespaceURI());
        boolean underRoot = open.size() == 1;
        boolean underChannel = open.size() == 2 && "channel".equals(open.peek());
        if (name.equals("channel") && underRoot) {
            channelNs = ns;
            open.push(name);
        } else if (name.equals("item") && (underChannel || underRoot && "RDF".equals(open.peek()))) {
            count++;
            return rssItem(readElement());
        } else if (underChannel && name.equals("title") && ns.equals(channelNs)) {
            source = blankToNull(readElement().text());
        } else if (underChannel && name.equals("language") && (ns.equals(channelNs) || ns.equals(DC_NS))) {
            language = languageCode(readElement().text());
        } else {
            skipElement();
        }
        return null;
    }

    private ReadResult atomElement() throws XMLStreamException {
        String name = xml.getLocalName();
        String ns = nullToEmpty(xml.getNamespaceURI());
        if (open.size() != 1 || !ns.equals(rootNs)) {
            skipElement();
            return null;
        }
        switch (name) {
            case "entry" -> {
                count++;
                return atomEntry(readElement());
            }
            case "title" -> source = blankToNull(atomText(readElement()));
            case "author" -> addIfPresent(feedAuthors, readElement().childText(ns, "name"));
            default -> skipElement();
        }
        return null;
    }

    private ReadResult rssItem(XmlElement item) {
        String location = location() + "#item " + count;
        String core = item.ns();
        String body = blankToNull(markup(item.child(CONTENT_NS, "encoded")));
        if (body == null) {
            body = blankToNull(markup(item.child(core, "description")));
        }
        if (body == null) {
            return ReadResult.failed(location, "item has no description or content");
        }
        String title = blankToNull(item.childText(core, "title"));
        String link = blankToNull(item.childText(core, "link"));
        XmlElement guidElement = item.child(core, "guid");
        String guid = guidElement == null ? null : blankToNull(guidElement.text());
        String about = blankToNull(item.attr("{" + RDF_NS + "}about"));
        String url = link;
        if (url == null && guid != null && isHttp(guid)
                && !"false".equalsIgnoreCase(guidElement.attr("isPermaLink"))) {
            url = guid;
        }
        if (url == null && about != null && isHttp(about)) {
            url = about;
        }
        String id = guid != null ? guid : about != null ? about : url != null ? url
                : ArticleJson.derivedId(null, title, body);

        Set<String> authors = new LinkedHashSet<>();
        for (XmlElement a : item.children(core, "author")) {
            addIfPresent(authors, authorName(a.text()));
        }
        for (XmlElement a : item.children(DC_NS, "creator")) {
            addIfPresent(authors, a.text());
        }
        Set<String> keywords = new LinkedHashSet<>();
        for (XmlElement c : item.children(core, "category")) {
            addIfPresent(keywords, c.text());
        }
        for (XmlElement c : item.children(DC_NS, "subject")) {
            addIfPresent(keywords, c.text());
        }
        String date = blankToNull(item.childText(core, "pubDate"));
        if (date == null) {
            date = blankToNull(item.childText(DC_NS, "date"));
        }
        String itemLanguage = languageCode(item.childText(DC_NS, "language"));
        return ReadResult.ok(location, RawArticle.newBuilder()
                .setId(id)
                .setUrl(url)
                .setSource(source)
                .setTitle(title)
                .setBody(body)
                .setContentType("text/html")
                .setLanguage(itemLanguage != null ? itemLanguage : language)
                .setPublishedAt(date(location, date))
                .setIngestedAt(null)
                .setAuthors(new ArrayList<>(authors))
                .setKeywords(new ArrayList<>(keywords))
                .setAttributes(new LinkedHashMap<>())
                .build());
    }

    private ReadResult atomEntry(XmlElement entry) {
        String location = location() + "#entry " + count;
        String ns = entry.ns();
        XmlElement bodyElement = entry.child(ns, "content");
        Body body = atomBody(bodyElement);
        if (body == null) {
            bodyElement = entry.child(ns, "summary");
            body = atomBody(bodyElement);
        }
        if (body == null) {
            return ReadResult.failed(location, "entry has no content or summary");
        }
        String title = blankToNull(atomText(entry.child(ns, "title")));
        String url = null;
        for (XmlElement link : entry.children(ns, "link")) {
            String rel = nullToEmpty(link.attr("rel")).strip();
            String href = blankToNull(link.attr("href"));
            if (href != null && (rel.isEmpty() || rel.equals("alternate"))) {
                url = href.strip();
                break;
            }
        }
        String id = blankToNull(entry.childText(ns, "id"));
        if (id == null) {
            id = url != null ? url : ArticleJson.derivedId(null, title, body.text());
        }
        String date = blankToNull(entry.childText(ns, "published"));
        if (date == null) {
            date = blankToNull(entry.childText(ns, "updated"));
        }
        Set<String> authors = new LinkedHashSet<>();
        for (XmlElement a : entry.children(ns, "author")) {
            addIfPresent(authors, a.childText(ns, "name"));
        }
        XmlElement origin = entry.child(ns, "source");
        if (authors.isEmpty() && origin != null) {
            for (XmlElement a : origin.children(ns, "author")) {
                addIfPresent(authors, a.childText(ns, "name"));
            }
        }
        if (authors.isEmpty()) {
            authors.addAll(feedAuthors);
        }
        Set<String> keywords = new LinkedHashSet<>();
        for (XmlElement c : entry.children(ns, "category")) {
            String term = blankToNull(c.attr("term"));
            addIfPresent(keywords, term != null ? term : c.attr("label"));
        }
        String lang = languageCode(bodyElement.attr(XML_LANG));
        if (lang == null) {
            lang = languageCode(entry.attr(XML_LANG));
        }
        return ReadResult.ok(location, RawArticle.newBuilder()
                .setId(id)
                .setUrl(url)
                .setSource(source)
                .setTitle(title)
                .setBody(body.text())
                .setContentType(body.contentType())
                .setLanguage(lang != null ? lang : language)
                .setPublishedAt(date(location, date))
                .setIngestedAt(null)
                .setAuthors(new ArrayList<>(authors))
                .setKeywords(new ArrayList<>(keywords))
                .setAttributes(new LinkedHashMap<>())
                .build());
    }

    private record Body(String text, String contentType) {
    }

    /** Atom text construct as body: text, html or xhtml; out-of-line ({@code src}) and binary content are ignored. */
    private static Body atomBody(XmlElement e) {
        if (e == null || e.attr("src") != null) {
            return null;
        }
        String type = nullToEmpty(e.attr("type")).strip().toLowerCase(Locale.ROOT);
        String text;
        String contentType;
        if (type.isEmpty() || type.equals("text") || type.startsWith("text/") && !type.startsWith("text/html")) {
            text = e.text();
            contentType = "text/plain";
        } else if (type.equals("html") || type.startsWith("text/html")) {
            text = e.text();
            contentType = "text/html";
        } else if (type.equals("xhtml") || type.startsWith("application/xhtml+xml")) {
            text = xhtml(e);
            contentType = "text/html";
        } else {
            return null;
        }
        text = blankToNull(text);
        return text == null ? null : new Body(text, contentType);
    }

    private static String atomText(XmlElement e) {
        if (e == null) {
            return null;
        }
        return "xhtml".equals(nullToEmpty(e.attr("type")).strip()) ? xhtml(e) : e.text();
    }

    private static String xhtml(XmlElement e) {
        List<XmlElement> elements = e.elements();
        boolean wrapped = elements.size() == 1 && elements.get(0).name().equals("div")
                && e.content().stream().allMatch(c -> c instanceof XmlElement || ((String) c).isBlank());
        return (wrapped ? elements.get(0) : e).innerXml();
    }

    /** Element text, or its serialised children when it holds unescaped markup. */
    private static String markup(XmlElement e) {
        if (e == null) {
            return null;
        }
        return e.elements().isEmpty() ? e.text() : e.innerXml();
    }

    private Instant date(String location, String text) {
        if (text == null) {
            return null;
        }
        Instant parsed = FeedDates.parseFeedDate(text);
        if (parsed == null) {
            LOG.warn("{}: ignoring unparseable date '{}'", location, text);
        }
        return parsed;
    }

    private XmlElement readElement() throws XMLStreamException {
        Deque<XmlElement> stack = new ArrayDeque<>();
        XmlElement root = startElement();
        stack.push(root);
        while (!stack.isEmpty()) {
            switch (xml.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (stack.size() >= MAX_ITEM_DEPTH) {
                        throw new XMLStreamException("elements nested more than " + MAX_ITEM_DEPTH + " deep",
                                xml.getLocation());
                    }
                    XmlElement child = startElement();
                    stack.peek().content().add(child);
                    stack.push(child);
                }
                case XMLStreamConstants.END_ELEMENT -> stack.pop();
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        stack.peek().content().add(xml.getText());
                default -> {
                }
            }
        }
        return root;
    }

    private XmlElement startElement() {
        Map<String, String> attrs = new LinkedHashMap<>();
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            String ns = nullToEmpty(xml.getAttributeNamespace(i));
            String name = xml.getAttributeLocalName(i);
            attrs.put(ns.isEmpty() ? name : "{" + ns + "}" + name, xml.getAttributeValue(i));
        }
        return new XmlElement(nullToEmpty(xml.getNamespaceURI()), xml.getLocalName(), attrs, new ArrayList<>());
    }

    private void skipElement() throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    private static String where(Location at) {
        return at == null || at.getLineNumber() < 0 ? "" : " at line " + at.getLineNumber() + ", column "
                + at.getColumnNumber();
    }

    private static String message(XMLStreamException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int i = m.indexOf("Message: ");
        return (i >= 0 ? m.substring(i + "Message: ".length()) : m).strip().replaceAll("\\s+", " ");
    }

    private static String authorName(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = EMAIL_WITH_NAME.matcher(text.strip());
        return m.matches() ? m.group(1) : text;
    }

    static String languageCode(String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        String primary = tag.strip().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
        return primary.matches("[a-z]{2,3}") ? primary : null;
    }

    private static boolean isHttp(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    private static void addIfPresent(Collection<String> out, String value) {
        if (value != null && !value.isBlank()) {
            out.add(value.strip());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    @Override
    public void close() {
        done = true;
        try {
            if (xml != null) {
                xml.close();
            }
        } catch (XMLStreamException e) {
            LOG.debug("{}: closing the XML reader failed", location(), e);
        }
        try {
            if (in != null) {
                in.close();
            }
        } catch (IOException e) {
            LOG.debug("{}: closing the file failed", location(), e);
        }
        in = null;
    }

    /** Minimal element tree of one item; content holds text strings and child elements in document order. */
    private record XmlElement(String ns, String name, Map<String, String> attrs, List<Object> content) {

        String attr(String key) {
            return attrs.get(key);
        }

        List<XmlElement> elements() {
            List<XmlElement> out = new ArrayList<>();
            for (Object c : content) {
                if (c instanceof XmlElement e) {
                    out.add(e);
                }
            }
            return out;
        }

        XmlElement child(String ns, String name) {
            for (Object c : content) {
                if (c instanceof XmlElement e && e.ns.equals(ns) && e.name.equals(name)) {
                    return e;
                }
            }
            return null;
        }

        List<XmlElement> children(String ns, String name) {
            List<XmlElement> out = new ArrayList<>();
            for (XmlElement e : elements()) {
                if (e.ns.equals(ns) && e.name.equals(name)) {
                    out.add(e);
                }
            }
            return out;
        }

        String childText(String ns, String name) {
            XmlElement e = child(ns, name);
            return e == null ? null : e.text();
        }

        String text() {
            StringBuilder sb = new StringBuilder();
            appendText(sb);
            return sb.toString();
        }

        private void appendText(StringBuilder sb) {
            for (Object c : content) {
                if (c instanceof XmlElement e) {
                    e.appendText(sb);
                } else {
                    sb.append((String) c);
                }
            }
        }

        String innerXml() {
            StringBuilder sb = new StringBuilder();
            for (Object c : content) {
                if (c instanceof XmlElement e) {
                    e.appendXml(sb);
                } else {
                    escape(sb, (String) c, false);
                }
            }
            return sb.toString();
        }

        private void appendXml(StringBuilder sb) {
            sb.append('<').append(name);
            for (Map.Entry<String, String> a : attrs.entrySet()) {
                if (!a.getKey().startsWith("{")) {
                    sb.append(' ').append(a.getKey()).append("=\"");
                    escape(sb, a.getValue(), true);
                    sb.append('"');
                }
            }
            if (content.isEmpty()) {
                sb.append("/>");
                return;
            }
            sb.append('>').append(innerXml()).append("</").append(name).append('>');
        }

        private static void escape(StringBuilder sb, String s, boolean attribute) {
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                switch (ch) {
                    case '&' -> sb.append("&amp;");
                    case '<' -> sb.append("&lt;");
                    case '>' -> sb.append("&gt;");
                    case '"' -> sb.append(attribute ? "&quot;" : "\"");
                    default -> sb.append(ch);
                }
            }
        }
    }
}
