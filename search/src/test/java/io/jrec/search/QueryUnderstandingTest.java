package io.jrec.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrec.search.ParsedQuery.Correction;
import io.jrec.search.ParsedQuery.PriceIntent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Brand, category, price and spelling understood from the catalogue's own vocabulary. */
class QueryUnderstandingTest {
    static CatalogIndex english() {
        return CatalogIndex.builder()
                .add(CatalogItem.builder(1).title("Velton Trail Running Shoes").brand("Velton").category("shoes").price(79.99).build())
                .add(CatalogItem.builder(2).title("Norvik Wireless Speaker").brand("Norvik").category("electronics").price(49.99).build())
                .add(CatalogItem.builder(3).title("Norvik Classic Headphones").brand("Norvik").category("electronics").price(129.99).build())
                .add(CatalogItem.builder(4).title("Lumenza Leather Boots").brand("Lumenza").category("shoes").price(149.99).build())
                .add(CatalogItem.builder(5).title("Acme Running Socks").brand("Acme Sports").category("clothing").price(9.99).build())
                .build();
    }

    static CatalogIndex chinese() {
        return CatalogIndex.builder().language(TextLanguage.CHINESE)
                .add(CatalogItem.builder(1).title("华为 Mate 60 手机").brand("华为").category("手机").price(5999).build())
                .add(CatalogItem.builder(2).title("小米 14 手机").brand("小米").category("手机").price(3999).build())
                .add(CatalogItem.builder(3).title("华为 智能 手表").brand("华为").category("手表").price(1299).build())
                .add(CatalogItem.builder(4).title("小米 电视 55寸").brand("小米").category("电视").price(2599).build())
                .build();
    }

    @Test
    void brandCategoryPriceAndTypoInOneEnglishQuery() {
        ParsedQuery q = english().parse("Velton runing shoes under $80");
        assertEquals(List.of("Velton"), q.brands());
        assertEquals(List.of("shoes"), q.categories());
        assertEquals(80.0, q.maxPrice());
        assertTrue(Double.isNaN(q.minPrice()));
        assertEquals(List.of(new Correction("runing", "running")), q.corrections());
        assertEquals(List.of("velton", "running", "shoe"), q.terms());
        // the brand filters (its word is not matched as text), the category boosts (its word stays)
        assertEquals(List.of("running", "shoe"), q.textTerms());
        assertEquals(IntentMode.FILTER, q.brandMode());
        assertEquals(IntentMode.BOOST, q.categoryMode());
    }

    @Test
    void chineseBrandPlusCategoryAndPrice() {
        ParsedQuery q = chinese().parse("华为手机 6000元以下");
        assertEquals(List.of("华为"), q.brands());
        assertEquals(List.of("手机"), q.categories());
        assertEquals(6000.0, q.maxPrice());
        assertEquals(List.of("华为", "手机"), q.terms());
        ParsedQuery cheap = chinese().parse("便宜的小米电视");
        assertEquals(PriceIntent.CHEAP, cheap.priceIntent());
        assertEquals(List.of("小米"), cheap.brands());
        assertEquals(List.of("电视"), cheap.categories());
    }

    @Test
    void priceRangesAndWords() {
        CatalogIndex index = english();
        ParsedQuery range = index.parse("speaker 50-100");
        assertEquals(50.0, range.minPrice());
        assertEquals(100.0, range.maxPrice());
        assertEquals(List.of("speaker"), range.terms());
        ParsedQuery between = index.parse("headphones between 120 and 20 euros");
        assertEquals(20.0, between.minPrice());
        assertEquals(120.0, between.maxPrice());
        ParsedQuery to = index.parse("boots 100 to 200");
        assertEquals(100.0, to.minPrice());
        assertEquals(200.0, to.maxPrice());
        ParsedQuery over = index.parse("boots over 99.5");
        assertEquals(99.5, over.minPrice());
        assertEquals(PriceIntent.CHEAP, index.parse("cheap wireless speaker").priceIntent());
        assertEquals(List.of("wireless", "speaker"), index.parse("cheap wireless speaker").terms());
        assertEquals(PriceIntent.PREMIUM, index.parse("luxury boots").priceIntent());
        ParsedQuery empty = index.parse("boots over 200 under 100");
        assertTrue(Double.isNaN(empty.minPrice()) && Double.isNaN(empty.maxPrice()));
        assertEquals(List.of("price range 200.0..100.0 is empty; ignored"), empty.notes());
        // numbers without a price word are text
        assertEquals(List.of("size", "42", "boot"), index.parse("size 42 boots").terms());
    }

    @Test
    void multiWordBrandsAndBoostModes() {
        CatalogIndex index = english();
        ParsedQuery q = QueryUnderstanding.parse(index, "acme sports socks", IntentMode.BOOST, IntentMode.FILTER, 1000, 32);
        assertEquals(List.of("Acme Sports"), q.brands());
        assertEquals(List.of("acme", "sport", "sock"), q.textTerms());
        ParsedQuery c = QueryUnderstanding.parse(index, "norvik electronics", IntentMode.FILTER, IntentMode.FILTER, 1000, 32);
        assertEquals(List.of(), c.textTerms());
        assertEquals(List.of("electronics"), c.categories());
    }

    @Test
    void spellingCorrectionKeepsToDistanceOneOrTwoAndSaysSo() {
        CatalogIndex index = english();
        assertEquals(List.of(new Correction("wirless", "wireless"), new Correction("speakr", "speaker")),
                index.parse("wirless speakr").corrections());
        assertEquals(List.of(new Correction("hedphone", "headphone")), index.parse("hedphones").corrections());
        assertEquals(List.of(new Correction("veltno", "velton")), index.parse("veltno").corrections());   // transposition
        assertEquals(List.of("velton"), List.of(index.parse("veltno").brands().get(0).toLowerCase()));
        // too far, too short, or not letters: left alone
        assertEquals(List.of(), index.parse("xylophone").corrections());
        assertEquals(List.of(), index.parse("sx").corrections());
        assertEquals(List.of(), index.parse("h3adphones").corrections());
        assertEquals(0, Vocabulary.distance("speaker", "speaker", 2));
        assertEquals(1, Vocabulary.distance("speakr", "speaker", 2));
        assertEquals(1, Vocabulary.distance("shoe", "sheo", 2));
        assertEquals(2, Vocabulary.distance("wirless", "wireles", 2));
        assertTrue(Vocabulary.distance("abcdef", "uvwxyz", 2) > 2);
    }

    @Test
    void badQueriesGiveNotesNotExceptions() {
        CatalogIndex index = english();
        assertTrue(index.parse(null).isEmpty());
        assertTrue(index.parse("").isEmpty());
        assertTrue(index.parse("the and of").isEmpty());
        ParsedQuery control = index.parse("wireless\u0000speaker\u0007");
        assertEquals(List.of("wireless", "speaker"), control.terms());
        assertEquals(List.of("control characters read as spaces"), control.notes());
        ParsedQuery huge = index.parse("speaker ".repeat(1_250));
        assertEquals(List.of("query cut to its first 1000 of 10000 characters", "only the first 32 of 125 terms used"),
                huge.notes());
        assertEquals(32, huge.terms().size());
    }
}
