package io.newsflow.ingest;

import io.newsflow.schema.RawArticle;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads articles from files and folders: JSON Lines ({@code .jsonl}, {@code .ndjson}; fields as in
 * {@code RawArticle}), plain text ({@code .txt}: headline line, blank line, body; without the blank second line the
 * whole file is the body; id = file name without extension) and RSS 2.0 / Atom 1.0 feeds ({@code .xml},
 * {@code .rss}, {@code .atom}). Folders are walked recursively in name order, hidden files skipped. Bad items come
 * back as failed {@link ReadResult}s; nothing is thrown for bad input. JSONL files are streamed line by line.
 *
 * <p>Stateless and thread-safe; each returned stream must be closed (it may hold a file open).
 */
public final class ArticleReader {

    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT);

    /** Reads every supported file under {@code paths}, in order. */
    public Stream<ReadResult> read(List<Path> paths) {
        return paths.stream().flatMap(this::expand).flatMap(this::readFile);
    }

    private Stream<Path> expand(Path path) {
        if (!Files.exists(path)) {
            return Stream.of(path);
        }
        if (!Files.isDirectory(path)) {
            return Stream.of(path);
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().charAt(0) != '.')
                    .filter(p -> supported(p))
                    .sorted()
                    .toList()
                    .stream();
        } catch (IOException e) {
            return Stream.of(path);
        }
    }

    private static boolean supported(Path p) {
        String ext = extension(p);
        return List.of("jsonl", "ndjson", "txt", "xml", "rss", "atom").contains(ext);
    }

    private Stream<ReadResult> readFile(Path file) {
        if (!Files.exists(file)) {
            return Stream.of(ReadResult.failed(file.toString(), "no such file or directory"));
        }
        if (Files.isDirectory(file)) {
            return Stream.of(ReadResult.failed(file.toString(), "cannot read directory"));
        }
        return switch (extension(file)) {
            case "jsonl", "ndjson" -> readJsonLines(file);
            case "txt" -> Stream.of(readText(file));
            case "xml", "rss", "atom" -> readFeed(file).stream();
            default -> Stream.of(ReadResult.failed(file.toString(),
                    "unsupported file type (expected .jsonl, .ndjson, .txt, .xml, .rss or .atom)"));
        };
    }

    private Stream<ReadResult> readJsonLines(Path file) {
        Stream<String> lines;
        try {
            lines = Files.lines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Stream.of(ReadResult.failed(file.toString(), "cannot read: " + e.getMessage()));
        }
        AtomicInteger lineNo = new AtomicInteger();
        return lines.map(line -> new Object[] {lineNo.incrementAndGet(), line})
                .filter(pair -> !((String) pair[1]).isBlank())
                .map(pair -> {
                    String location = file + ":" + pair[0];
                    String line = (String) pair[1];
                    try {
                        return ReadResult.ok(location, ArticleJson.parseArticle(line, "sha256:" + shortHash(line)));
                    } catch (IllegalArgumentException e) {
                        return ReadResult.failed(location, e.getMessage());
                    }
                })
                .onClose(lines::close);
    }

    private ReadResult readText(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException | UncheckedIOException e) {
            return ReadResult.failed(file.toString(), "cannot read as UTF-8 text: " + e.getMessage());
        }
        String name = file.getFileName().toString();
        String id = name.substring(0, name.lastIndexOf('.'));
        String[] lines = text.split("\n", 3);
        String title = null;
        String body = text;
        if (lines.length >= 3 && lines[1].isBlank() && !lines[0].isBlank()) {
            title = lines[0].strip();
            body = lines[2];
        }
        if (body.isBlank()) {
            return ReadResult.failed(file.toString(), "empty article");
        }
        return ReadResult.ok(file.toString(), RawArticle.newBuilder().setId(id).setTitle(title).setBody(body.strip())
                .setContentType("text/plain").build());
    }

    private List<ReadResult> readFeed(Path file) {
        org.w3c.dom.Document xml;
        try (InputStream in = Files.newInputStream(file)) {
            xml = secureBuilder().parse(in);
        } catch (IOException | SAXException | ParserConfigurationException e) {
            return List.of(ReadResult.failed(file.toString(), "malformed feed XML: " + e.getMessage()));
        }
        Element root = xml.getDocumentElement();
        String rootName = localName(root);
        List<ReadResult> results = new ArrayList<>();
        if (rootName.equals("rss") || rootName.equals("RDF")) {
            Element channel = child(root, "channel");
            String source = channel == null ? null : childText(channel, "title");
            NodeList items = root.getElementsByTagNameNS("*", "item");
            for (int i = 0; i < items.getLength(); i++) {
                results.add(rssItem(file + "#item " + (i + 1), (Element) items.item(i), source));
            }
        } else if (rootName.equals("feed")) {
            String source = childText(root, "title");
            NodeList entries = root.getElementsByTagNameNS("*", "entry");
            for (int i = 0; i < entries.getLength(); i++) {
                results.add(atomEntry(file + "#entry " + (i + 1), (Element) entries.item(i), source));
            }
        } else {
            results.add(ReadResult.failed(file.toString(), "not an RSS or Atom feed (root element <" + rootName + ">)"));
        }
        return results;
    }

    private ReadResult rssItem(String location, Element item, String source) {
        String content = childText(item, "encoded");
        String body = content != null && !content.isBlank() ? content : childText(item, "description");
        if (body == null || body.isBlank()) {
            return ReadResult.failed(location, "item has no description or content");
        }
        String link = childText(item, "link");
        String guid = childText(item, "guid");
        String id = guid != null && !guid.isBlank() ? guid : link != null ? link : "sha256:" + shortHash(body);
        List<String> authors = new ArrayList<>();
        addIfPresent(authors, childText(item, "creator"));
        addIfPresent(authors, childText(item, "author"));
        List<String> keywords = new ArrayList<>();
        for (Element c : children(item, "category")) {
            addIfPresent(keywords, c.getTextContent());
        }
        return ReadResult.ok(location, RawArticle.newBuilder().setId(id.strip()).setUrl(link).setSource(source)
                .setTitle(childText(item, "title")).setBody(body).setContentType("text/html")
                .setPublishedAt(parseDate(childText(item, "pubDate"))).setAuthors(authors).setKeywords(keywords)
                .build());
    }

    private ReadResult atomEntry(String location, Element entry, String source) {
        String body = childText(entry, "content");
        if (body == null || body.isBlank()) {
            body = childText(entry, "summary");
        }
        if (body == null || body.isBlank()) {
            return ReadResult.failed(location, "entry has no content or summary");
        }
        Element contentEl = child(entry, "content") != null ? child(entry, "content") : child(entry, "summary");
        String type = contentEl.getAttribute("type");
        String link = null;
        for (Element l : children(entry, "link")) {
            String rel = l.getAttribute("rel");
            if (rel.isEmpty() || rel.equals("alternate")) {
                link = l.getAttribute("href");
                break;
            }
        }
        String id = childText(entry, "id");
        if (id == null || id.isBlank()) {
            id = link != null ? link : "sha256:" + shortHash(body);
        }
        String published = childText(entry, "published");
        List<String> authors = new ArrayList<>();
        for (Element a : children(entry, "author")) {
            addIfPresent(authors, childText(a, "name"));
        }
        return ReadResult.ok(location, RawArticle.newBuilder().setId(id.strip()).setUrl(link).setSource(source)
                .setTitle(childText(entry, "title")).setBody(body)
                .setContentType(type.equals("html") || type.equals("xhtml") ? "text/html" : "text/plain")
                .setPublishedAt(parseDate(published != null ? published : childText(entry, "updated")))
                .setAuthors(authors).build());
    }

    /** Parses RFC 1123 / RFC 822 and ISO-8601 dates; null when absent or unparseable. */
    static Instant parseDate(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        try {
            return ZonedDateTime.parse(t, RFC_1123).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e2) {
                try {
                    return Instant.parse(t);
                } catch (DateTimeParseException e3) {
                    return null;
                }
            }
        }
    }

    private static DocumentBuilder secureBuilder() throws ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        DocumentBuilder builder = f.newDocumentBuilder();
        builder.setErrorHandler(null);
        return builder;
    }

    private static String localName(Node n) {
        return n.getLocalName() != null ? n.getLocalName() : n.getNodeName();
    }

    private static Element child(Element parent, String name) {
        List<Element> all = children(parent, name);
        return all.isEmpty() ? null : all.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName(e).equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    private static String childText(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().strip();
    }

    private static void addIfPresent(List<String> list, String value) {
        if (value != null && !value.isBlank()) {
            list.add(value.strip());
        }
    }

    private static String extension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    static String shortHash(String text) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
