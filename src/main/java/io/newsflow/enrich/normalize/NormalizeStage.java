package io.newsflow.enrich.normalize;

import io.newsflow.enrich.Capability;
import io.newsflow.enrich.Document;
import io.newsflow.enrich.Stage;
import java.text.Normalizer;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * Turns title and body into plain text: HTML to text (block elements become paragraph breaks, scripts and styles
 * are dropped, entities decoded), Unicode NFC, invisible and control characters removed, runs of spaces collapsed,
 * paragraphs separated by a single {@code '\n'}. Typographic quotation marks and dashes are kept: later stages
 * rely on them.
 *
 * <p>Stateless and thread-safe.
 */
public final class NormalizeStage implements Stage {

    public static final String NAME = "normalize";

    private static final Pattern HTML_HINT = Pattern.compile(
            "(?i)<(p|br|div|a|em|strong|span|b|i|h[1-6]|ul|ol|li|img|figure|blockquote|html|body|table)[\\s>/]"
                    + "|&(nbsp|amp|lt|gt|quot|apos|#\\d{1,6}|#x[0-9a-f]{1,6});");
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}\\p{Cf}&&[^\\n\\t]]");
    private static final Pattern SPACES = Pattern.compile("[\\t\\x0B\\f\\r\\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000 ]+");
    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\u2028\\u2029\\u0085]");
    private static final Set<String> BLOCKS = Set.of("p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li",
            "blockquote", "tr", "section", "article", "header", "footer", "figcaption", "pre", "hr", "dd", "dt");
    private static final Set<String> DROPPED = Set.of("script", "style", "noscript", "template", "iframe", "svg",
            "object", "embed", "head");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Capability> requires() {
        return Set.of(Capability.RAW_TEXT);
    }

    @Override
    public Set<Capability> provides() {
        return Set.of(Capability.NORMALIZED_TEXT);
    }

    @Override
    public Document apply(Document document) {
        boolean html = document.html() || looksLikeHtml(document.body()) || looksLikeHtml(document.title());
        String title = normalize(document.title(), html).replace('\n', ' ');
        String body = normalize(document.body(), html);
        return document.withText(title, body, false);
    }

    /** True when the text contains HTML tags or character references. */
    public static boolean looksLikeHtml(String text) {
        return text != null && HTML_HINT.matcher(text).find();
    }

    /** Normalises one text; {@code html} selects HTML-to-text conversion first. */
    public static String normalize(String text, boolean html) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String plain = html ? htmlToText(text) : LINE_BREAKS.matcher(text).replaceAll("\n");
        String nfc = Normalizer.normalize(plain, Normalizer.Form.NFC);
        String visible = INVISIBLE.matcher(nfc).replaceAll("");
        StringBuilder out = new StringBuilder(visible.length());
        for (String line : visible.split("\n")) {
            String collapsed = SPACES.matcher(line).replaceAll(" ").strip();
            if (!collapsed.isEmpty()) {
                if (out.length() > 0) {
                    out.append('\n');
                }
                out.append(collapsed);
            }
        }
        return out.toString();
    }

    private static String htmlToText(String html) {
        Element root = Jsoup.parseBodyFragment(html).body();
        root.select(String.join(",", DROPPED)).remove();
        StringBuilder text = new StringBuilder(html.length());
        root.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    text.append(LINE_BREAKS.matcher(t.getWholeText()).replaceAll(" ").replace('\n', ' '));
                } else if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                    text.append('\n');
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                    text.append('\n');
                }
            }
        });
        return text.toString();
    }
}
