package org.feedloom.parse;

import com.rometools.rome.io.impl.XmlFixerReader;
import java.util.HashMap;
import java.util.Map;

/**
 * What ROME's {@link XmlFixerReader} does to a feed before it is parsed, done once for both paths and in one pass
 * over the string: comments and white space before the first element go; outside CDATA sections a bare {@code &}
 * becomes {@code &amp;}; HTML 4's named entities, such as {@code &nbsp;}, become character references, inside CDATA
 * sections too ({@code &amp;} there becomes the text {@code &#38;}).
 *
 * <p>The fixer is a state machine that reads one character at a time through a synchronised buffer; on feeds with
 * full HTML bodies it cost a seventh of the parse. This class is the same machine over the string, copying runs
 * of ordinary characters at once, with the fixer's quirks kept, since both parsers must read what they read
 * before: a character that ends an entity or a {@code ]} run is passed on without being looked at again (so
 * {@code &&nbsp;} keeps its {@code &nbsp;}), a tag name is read to the first space, {@code >}, {@code /} or
 * {@code [}, and {@code ]]]>} does not end a section. {@code XmlEntitiesTest} checks that it gives ROME's string on
 * every corpus file and on random text. Pure.
 */
final class XmlEntities {
    private static final Map<String, String> CODED = codedEntities();

    private XmlEntities() {}

    /**
     * The text as the parsers are to read it: the fixer's output, or the text itself where the fixer's output reads
     * the same (it would only write XML's own {@code &amp; &lt; &gt; &quot;} outside CDATA sections as the equal
     * character references), which saves copying most feeds.
     */
    static String fix(String text) {
        boolean lead = !text.isEmpty() && (text.charAt(0) <= ' ' || text.startsWith("<!"));
        return lead || !readsTheSame(text) ? new Run(text).run() : text;
    }

    /**
     * Whether the fixer would change nothing the parsers read: every {@code &} outside CDATA sections starts one of
     * XML's references (which it leaves alone or writes as an equal character reference), and no CDATA section
     * holds an {@code &} (where it would rewrite the text of the section).
     */
    private static boolean readsTheSame(String text) {
        int start = text.indexOf("<![CDATA[");
        int end = start < 0 ? -1 : text.indexOf("]]>", start);
        for (int amp = text.indexOf('&'); amp >= 0; amp = text.indexOf('&', amp + 1)) {
            while (start >= 0 && end >= 0 && end < amp) {
                start = text.indexOf("<![CDATA[", end);
                end = start < 0 ? -1 : text.indexOf("]]>", start);
            }
            if (start >= 0 && amp > start || !isXmlReference(text, amp)) {
                return false; // in a section, in an unclosed one, or a bare or HTML entity
            }
        }
        return true;
    }

    /** {@code &amp; &lt; &gt; &quot; &apos;} or a decimal or hexadecimal character reference at {@code at}. */
    private static boolean isXmlReference(String text, int at) {
        if (text.startsWith("amp;", at + 1) || text.startsWith("lt;", at + 1) || text.startsWith("gt;", at + 1)
                || text.startsWith("quot;", at + 1) || text.startsWith("apos;", at + 1)) {
            return true;
        }
        int i = at + 1;
        if (i >= text.length() || text.charAt(i) != '#') {
            return false;
        }
        boolean hex = i + 1 < text.length() && text.charAt(i + 1) == 'x';
        int from = hex ? i + 2 : i + 1;
        int to = from;
        while (to < text.length() && (text.charAt(to) >= '0' && text.charAt(to) <= '9'
                || hex && "abcdefABCDEF".indexOf(text.charAt(to)) >= 0)) {
            to++;
        }
        return to > from && to < text.length() && text.charAt(to) == ';';
    }

    /** One pass of the machine over a string. */
    private static final class Run {
        private final String in;
        private final StringBuilder out;
        private int at;
        private boolean cdata;
        /** The next {@code &}, {@code <} and {@code ]} found ({@link #nextSpecial}); -2 before the first search. */
        private int nextAmp = -2;
        private int nextLt = -2;
        private int nextBracket = -2;

        Run(String in) {
            this.in = in;
            this.out = new StringBuilder(in.length() + 64);
        }

        String run() {
            at = leading();
            int n = in.length();
            while (at < n) {
                char c = in.charAt(at);
                if (c == '&') {
                    entity();
                } else if (c == '<') {
                    tag();
                } else if (c == ']' && cdata) {
                    sectionEnd();
                } else {
                    int end = nextSpecial(at + 1);
                    out.append(in, at, end);
                    at = end;
                }
            }
            return out.toString();
        }

        /**
         * Where the next character the machine looks at comes, from {@code from} on: a {@code &}, a {@code <}, or in a
         * section a {@code ]}; the length when none does. Each is found with {@link String#indexOf(int, int)} and
         * remembered until the machine has passed it, so the text is searched once for each of them.
         */
        private int nextSpecial(int from) {
            nextAmp = next(nextAmp, '&', from);
            nextLt = next(nextLt, '<', from);
            int end = Math.min(nextAmp < 0 ? in.length() : nextAmp, nextLt < 0 ? in.length() : nextLt);
            if (cdata) {
                nextBracket = next(nextBracket, ']', from);
                end = nextBracket < 0 ? end : Math.min(end, nextBracket);
            }
            return end;
        }

        /** {@code known}, the next {@code c} found before (-1: none is left), or the next from {@code from} on. */
        private int next(int known, char c, int from) {
            return known >= from || known == -1 ? known : in.indexOf(c, from);
        }

        /**
         * Skips white space and complete comments ({@code <!--}, any text, then {@code -->} right after an even run
         * of dashes, as the fixer counts them) before the first other character; what it had read of anything else
         * is passed on as it is. The index where the machine goes on.
         */
        private int leading() {
            int i = 0;
            int n = in.length();
            while (true) {
                while (i < n && " \n\r\t".indexOf(in.charAt(i)) >= 0) {
                    i++;
                }
                if (i >= n || in.charAt(i) != '<') {
                    if (i < n) {
                        out.append(in.charAt(i)); // passed on without being looked at
                        i++;
                    }
                    return i;
                }
                int from = i;
                int end = commentEnd(i);
                if (end < 0) {
                    int taken = Math.min(n, from + -end); // the characters the fixer had read when it gave up
                    out.append(in, from, taken);
                    return taken;
                }
                i = end;
            }
        }

        /**
         * At a {@code <}: the index after a complete comment, or minus the number of characters read when it is not
         * one (the fixer passes those on unread).
         */
        private int commentEnd(int lt) {
            int n = in.length();
            int i = lt + 1;
            for (char want : new char[] {'!', '-', '-'}) {
                if (i >= n) {
                    return -(i - lt);
                }
                if (in.charAt(i++) != want) {
                    return -(i - lt);
                }
            }
            int state = 4; // the fixer's comment states: 4 in the body, 5 after a dash, 6 after two
            while (i < n) {
                char c = in.charAt(i++);
                if (state == 6 && c == '>') {
                    return i;
                }
                state = c == '-' && state < 6 ? state + 1 : 4;
            }
            return -(i - lt);
        }

        /**
         * At a {@code &}: letters, digits and {@code #} up to a {@code ;} make an entity, replaced when it is one of
         * HTML 4's; without the {@code ;}, outside a section it becomes {@code &amp;}, and the character that ended
         * the run is passed on unread.
         */
        private void entity() {
            int n = in.length();
            int i = at + 1;
            while (i < n && name(in.charAt(i))) {
                i++;
            }
            if (i < n && in.charAt(i) == ';') {
                String literal = in.substring(at, i + 1);
                String coded = CODED.get(literal);
                out.append(coded != null ? coded : literal);
                at = i + 1;
                return;
            }
            out.append('&');
            if (!cdata) {
                out.append("amp;");
            }
            int end = Math.min(n, i + 1);
            out.append(in, at + 1, end);
            at = end;
        }

        private static boolean name(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '#' || c >= '0' && c <= '9';
        }

        /**
         * At a {@code <}: read up to a space, {@code >}, {@code /} or {@code [} (each taken with it), and passed on;
         * {@code <![CDATA[} opens a section. A {@code [} that does not complete {@code <![CDATA[} does not end the
         * run.
         */
        private void tag() {
            int n = in.length();
            int i = at + 1;
            while (i < n) {
                char c = in.charAt(i++);
                if (c == ' ' || c == '>' || c == '/') {
                    break;
                }
                if (c == '[' && i - at == 9 && in.startsWith("<![CDATA[", at)) {
                    cdata = true;
                    break;
                }
            }
            out.append(in, at, i);
            at = i;
        }

        /** At a {@code ]} in a section: a run of {@code ]} and the character after it; exactly {@code ]]>} ends it. */
        private void sectionEnd() {
            int n = in.length();
            int i = at + 1;
            while (i < n && in.charAt(i) == ']') {
                i++;
            }
            if (i < n) {
                if (in.charAt(i) == '>' && i - at == 2) {
                    cdata = false;
                }
                i++;
            }
            out.append(in, at, i);
            at = i;
        }
    }

    /**
     * HTML 4.01's 252 character entities (its Latin-1, symbol and special sets, {@code &amp;} included, no
     * {@code &apos;}): the fixer's table, as names and code points.
     */
    private static final String HTML4 = """
            quot 34 amp 38 lt 60 gt 62 nbsp 160 iexcl 161 cent 162 pound 163 curren 164 yen 165 brvbar 166 sect 167
            uml 168 copy 169 ordf 170 laquo 171 not 172 shy 173 reg 174 macr 175 deg 176 plusmn 177 sup2 178
            sup3 179 acute 180 micro 181 para 182 middot 183 cedil 184 sup1 185 ordm 186 raquo 187 frac14 188
            frac12 189 frac34 190 iquest 191 Agrave 192 Aacute 193 Acirc 194 Atilde 195 Auml 196 Aring 197 AElig 198
            Ccedil 199 Egrave 200 Eacute 201 Ecirc 202 Euml 203 Igrave 204 Iacute 205 Icirc 206 Iuml 207 ETH 208
            Ntilde 209 Ograve 210 Oacute 211 Ocirc 212 Otilde 213 Ouml 214 times 215 Oslash 216 Ugrave 217
            Uacute 218 Ucirc 219 Uuml 220 Yacute 221 THORN 222 szlig 223 agrave 224 aacute 225 acirc 226 atilde 227
            auml 228 aring 229 aelig 230 ccedil 231 egrave 232 eacute 233 ecirc 234 euml 235 igrave 236 iacute 237
            icirc 238 iuml 239 eth 240 ntilde 241 ograve 242 oacute 243 ocirc 244 otilde 245 ouml 246 divide 247
            oslash 248 ugrave 249 uacute 250 ucirc 251 uuml 252 yacute 253 thorn 254 yuml 255 OElig 338 oelig 339
            Scaron 352 scaron 353 Yuml 376 fnof 402 circ 710 tilde 732 Alpha 913 Beta 914 Gamma 915 Delta 916
            Epsilon 917 Zeta 918 Eta 919 Theta 920 Iota 921 Kappa 922 Lambda 923 Mu 924 Nu 925 Xi 926 Omicron 927
            Pi 928 Rho 929 Sigma 931 Tau 932 Upsilon 933 Phi 934 Chi 935 Psi 936 Omega 937 alpha 945 beta 946
            gamma 947 delta 948 epsilon 949 zeta 950 eta 951 theta 952 iota 953 kappa 954 lambda 955 mu 956 nu 957
            xi 958 omicron 959 pi 960 rho 961 sigmaf 962 sigma 963 tau 964 upsilon 965 phi 966 chi 967 psi 968
            omega 969 thetasym 977 upsih 978 piv 982 ensp 8194 emsp 8195 thinsp 8201 zwnj 8204 zwj 8205 lrm 8206
            rlm 8207 ndash 8211 mdash 8212 lsquo 8216 rsquo 8217 sbquo 8218 ldquo 8220 rdquo 8221 bdquo 8222
            dagger 8224 Dagger 8225 bull 8226 hellip 8230 permil 8240 prime 8242 Prime 8243 lsaquo 8249 rsaquo 8250
            oline 8254 frasl 8260 euro 8364 image 8465 weierp 8472 real 8476 trade 8482 alefsym 8501 larr 8592
            uarr 8593 rarr 8594 darr 8595 harr 8596 crarr 8629 lArr 8656 uArr 8657 rArr 8658 dArr 8659 hArr 8660
            forall 8704 part 8706 exist 8707 empty 8709 nabla 8711 isin 8712 notin 8713 ni 8715 prod 8719 sum 8721
            minus 8722 lowast 8727 radic 8730 prop 8733 infin 8734 ang 8736 and 8743 or 8744 cap 8745 cup 8746
            int 8747 there4 8756 sim 8764 cong 8773 asymp 8776 ne 8800 equiv 8801 le 8804 ge 8805 sub 8834 sup 8835
            nsub 8836 sube 8838 supe 8839 oplus 8853 otimes 8855 perp 8869 sdot 8901 lceil 8968 rceil 8969
            lfloor 8970 rfloor 8971 lang 9001 rang 9002 loz 9674 spades 9824 clubs 9827 hearts 9829 diams 9830
            """;

    /** {@code &name;} to {@code &#n;} for each of {@link #HTML4}. */
    private static Map<String, String> codedEntities() {
        String[] words = HTML4.strip().split("\\s+");
        Map<String, String> m = new HashMap<>(words.length);
        for (int i = 0; i < words.length; i += 2) {
            m.put("&" + words[i] + ";", "&#" + words[i + 1] + ";");
        }
        return m;
    }
}
