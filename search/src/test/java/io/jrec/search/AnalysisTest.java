package io.jrec.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tokenisation in English and Chinese, as the index and the query parser see it. */
class AnalysisTest {
    private static CatalogIndex empty(TextLanguage language) {
        return CatalogIndex.builder().language(language).build();
    }

    @Test
    void englishFoldsCaseAccentsPossessivesAndPlurals() {
        CatalogIndex en = empty(TextLanguage.ENGLISH);
        assertEquals(List.of("cafe", "running", "shoe"), en.analyze("Café RUNNING Shoes"));
        assertEquals(List.of("kid", "battery", "box"), en.analyze("the kid's batteries, and boxes!"));
        assertEquals(List.of("naive", "creme", "brulee"), en.analyze("Naïve crème brûlée"));
        assertEquals(List.of("usb", "c", "cable", "2m"), en.analyze("USB-C cable 2m"));
    }

    @Test
    void pluralsBecomeSingularAndNothingElseChanges() {
        CatalogIndex en = empty(TextLanguage.ENGLISH);
        assertEquals(List.of("glass", "dress", "watch", "box", "bus", "boot", "shoe", "battery", "running", "analysis"),
                en.analyze("glasses dresses watches boxes buses boots shoes batteries running analysis"));
        assertEquals(List.of("dress", "glass", "bus", "gas"), en.analyze("dress glass bus gas"));
    }

    @Test
    void chineseSegmentsWordsWithSmartcn() {
        CatalogIndex zh = empty(TextLanguage.CHINESE);
        assertEquals(List.of("华为", "手机"), zh.analyze("华为手机"));
        assertEquals(List.of("小米", "电视"), zh.analyze("小米电视"));
        // Latin words inside Chinese text: lower case and plurals as in English
        List<String> mixed = zh.analyze("苹果 iPhones 手机");
        assertTrue(mixed.contains("iphone") && mixed.contains("手机") && mixed.contains("苹果"), mixed.toString());
    }

    @Test
    void cjkBigramsNeedNoDictionary() {
        CatalogIndex bi = empty(TextLanguage.CJK_BIGRAMS);
        assertEquals(List.of("华为", "为手", "手机"), bi.analyze("华为手机"));
        assertEquals(List.of("shoe"), bi.analyze("Shoes"));
    }

    @Test
    void anyStringAnalysesWithoutThrowing() {
        CatalogIndex en = empty(TextLanguage.ENGLISH);
        CatalogIndex zh = empty(TextLanguage.CHINESE);
        String[] nasty = {null, "", "   ", "\u0000\u0007\u001b[31m", "\uD800", "\uDC00abc", "a".repeat(10_000),
                "华".repeat(10_000), "x\u200By", "\uFFFF\uFFFE", "🙂 shoes"};
        for (String s : nasty) {
            String clean = QueryText.clean(s, Integer.MAX_VALUE).text();
            en.analyze(clean);
            zh.analyze(clean);
        }
        assertTrue(en.analyze(QueryText.clean("🙂 shoes", 100).text()).contains("shoe"));
    }

    @Test
    void cleaningReplacesControlCharactersAndCutsAtTheLimit() {
        QueryText.Cleaned c = QueryText.clean("red\u0000shoes\u0007", 100);
        assertEquals("red shoes ", c.text());
        assertTrue(c.hadControl());
        QueryText.Cleaned cut = QueryText.clean("abcdef", 3);
        assertEquals("abc", cut.text());
        assertTrue(cut.cut());
        // never split a surrogate pair
        assertEquals("a", QueryText.clean("a🙂", 2).text());
        assertEquals(" x", QueryText.clean("\uDC00x", 10).text());
    }
}
