package io.jrec.core;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ItemFeaturesTest {

    private static ItemFeatures shop() {
        return ItemFeatures.builder()
                .text(1, "title", "Red running shoe, red!")
                .text(2, "title", "Blue running jacket")
                .text(3, "title", "A shoe for the trail")
                .numeric(1, "price", 10)
                .numeric(2, "price", 30)
                .numeric(3, "price", 20)
                .categorical(4, "category", "socks")
                .categorical(1, "category", "shoes")
                .categorical(3, "category", "shoes")
                .build();
    }

    private static double weight(ItemFeatures f, long itemId, String feature) {
        int index = f.featureIndex(feature);
        assertTrue(index >= 0, "feature " + feature + " exists");
        return f.featuresOf(itemId).get(index);
    }

    @Test
    void textIsWeightedBySmoothedTfIdf() {
        ItemFeatures f = shop();
        // N = 3 items have a title (item 4 has none). df: red 1, running 2, shoe 2, blue 1, jacket 1, trail 1.
        // idf(df=1) = ln(4/2) + 1 = 1.6931472; idf(df=2) = ln(4/3) + 1 = 1.2876821.
        assertEquals(2 * (Math.log(2) + 1), weight(f, 1, "title:red"), 1e-6);          // tf = 2
        assertEquals(Math.log(4.0 / 3) + 1, weight(f, 1, "title:running"), 1e-6);
        assertEquals(Math.log(4.0 / 3) + 1, weight(f, 3, "title:shoe"), 1e-6);
        assertEquals(1.6931472, weight(f, 3, "title:trail"), 1e-6);
        // "A" has one character, "for" and "the" are stop words.
        assertEquals(-1, f.featureIndex("title:a"));
        assertEquals(-1, f.featureIndex("title:for"));
        assertEquals(-1, f.featureIndex("title:the"));
        assertEquals(3, f.featuresOf(3).size() - 1);   // shoe, trail, price (+ category=shoes)
    }

    @Test
    void numericIsMinMaxScaledAndZeroIsNotStored() {
        ItemFeatures f = shop();
        // price 10, 30, 20 -> (x - 10) / (30 - 10) = 0, 1, 0.5
        int price = f.featureIndex("price");
        assertFalse(f.featuresOf(1).contains(price));
        assertEquals(1.0, weight(f, 2, "price"), 1e-12);
        assertEquals(0.5, weight(f, 3, "price"), 1e-12);
    }

    @Test
    void constantNumericAttributeScalesToZero() {
        ItemFeatures f = ItemFeatures.builder().numeric(1, "size", 3).numeric(2, "size", 3).build();
        assertEquals(1, f.featureCount());
        assertEquals(2, f.items().size());
        assertEquals(0, f.byItem().size());
    }

    @Test
    void categoricalIsOneHotAndMultiValued() {
        ItemFeatures f = ItemFeatures.builder()
                .categorical(7, "genre", "Drama")
                .categorical(7, "genre", "Comedy")
                .categorical(7, "genre", "Drama")      // again: no effect
                .build();
        assertEquals(List.of("genre=Comedy", "genre=Drama"), List.of(f.featureName(0), f.featureName(1)));
        assertEquals(SparseVector.of(new int[]{0, 1}, new float[]{1, 1}), f.featuresOf(7));
    }

    @Test
    void featuresAreSortedByNameAndItemsById() {
        ItemFeatures f = shop();
        for (int k = 1; k < f.featureCount(); k++) {
            assertTrue(f.featureName(k - 1).compareTo(f.featureName(k)) < 0);
            assertEquals(k, f.featureIndex(f.featureName(k)));
        }
        assertEquals(IdIndex.of(1, 2, 3, 4), f.items());
        assertEquals(f.items().size(), f.byItem().rowCount());
        assertEquals(f.featureCount(), f.byItem().columnCount());
        assertEquals(f.features(f.items().indexOf(2)), f.featuresOf(2));
    }

    @Test
    void resultDoesNotDependOnInsertionOrder() {
        ItemFeatures a = shop();
        ItemFeatures b = ItemFeatures.builder()
                .categorical(3, "category", "shoes")
                .numeric(3, "price", 20)
                .text(3, "title", "A shoe for the trail")
                .categorical(1, "category", "shoes")
                .numeric(2, "price", 30)
                .text(2, "title", "Blue running jacket")
                .categorical(4, "category", "socks")
                .text(1, "title", "Red running shoe, red!")
                .numeric(1, "price", 10)
                .build();
        assertEquals(a.featureCount(), b.featureCount());
        for (int i = 0; i < a.items().size(); i++) {
            assertEquals(a.features(i), b.features(i));
        }
    }

    @Test
    void repeatedTextAppendsAndCountsOneDocument() {
        ItemFeatures f = ItemFeatures.builder()
                .text(1, "title", "wool")
                .text(1, "title", "wool socks")
                .text(2, "title", "")          // a document without tokens
                .build();
        // N = 2, df(wool) = 1: tf 2 * (ln(3/2) + 1)
        assertEquals(2 * (Math.log(1.5) + 1), weight(f, 1, "title:wool"), 1e-6);
        assertTrue(f.items().contains(2));
        assertTrue(f.featuresOf(2).isEmpty());
    }

    @Test
    void unknownItemsAndFeatures() {
        ItemFeatures f = shop();
        assertTrue(f.featuresOf(99).isEmpty());
        assertEquals(-1, f.featureIndex("category=hats"));
        ItemFeatures empty = ItemFeatures.builder().build();
        assertEquals(0, empty.featureCount());
        assertEquals(0, empty.items().size());
        assertTrue(empty.featuresOf(1).isEmpty());
    }

    @Test
    void tokenizerKeepsLettersAndDigits() {
        assertEquals(List.of("4k", "tv", "café", "crème", "x2"), ItemFeatures.tokenize("4K-TV: café_crème x x2 of"));
        assertEquals(List.of(), ItemFeatures.tokenize("  ,, a I "));
    }

    @Test
    void rejectsBadInputWithClearMessages() {
        ItemFeatures.Builder b = ItemFeatures.builder();
        assertEquals("numeric attribute 'price' of item 5 is NaN; values must be finite",
                assertThrows(IllegalArgumentException.class, () -> b.numeric(5, "price", Double.NaN)).getMessage());
        assertEquals("numeric attribute 'price' of item 5 is Infinity; values must be finite",
                assertThrows(IllegalArgumentException.class,
                        () -> b.numeric(5, "price", Double.POSITIVE_INFINITY)).getMessage());
        b.numeric(5, "price", 1);
        assertEquals("numeric attribute 'price' of item 5 given twice (1.0 and 2.0)",
                assertThrows(IllegalArgumentException.class, () -> b.numeric(5, "price", 2)).getMessage());
        assertEquals("attribute name 'a=b' is invalid; use a non-empty name without '=' or ':'",
                assertThrows(IllegalArgumentException.class, () -> b.categorical(5, "a=b", "c")).getMessage());
        assertEquals("attribute name 'a:b' is invalid; use a non-empty name without '=' or ':'",
                assertThrows(IllegalArgumentException.class, () -> b.text(5, "a:b", "c")).getMessage());
        assertEquals("attribute name 'null' is invalid; use a non-empty name without '=' or ':'",
                assertThrows(IllegalArgumentException.class, () -> b.numeric(5, null, 1)).getMessage());
        assertEquals("attribute name '' is invalid; use a non-empty name without '=' or ':'",
                assertThrows(IllegalArgumentException.class, () -> b.numeric(5, "", 1)).getMessage());
        assertEquals("categorical attribute 'brand' of item 5 has an empty value; give a non-empty value",
                assertThrows(IllegalArgumentException.class, () -> b.categorical(5, "brand", "")).getMessage());
        assertEquals("text attribute 'title' of item 5 is null",
                assertThrows(IllegalArgumentException.class, () -> b.text(5, "title", null)).getMessage());
        assertEquals("attribute 'price' is used as numeric and as text; use one kind per attribute",
                assertThrows(IllegalArgumentException.class, () -> b.text(6, "price", "cheap")).getMessage());
        b.categorical(6, "colour", "red");
        assertEquals("attribute 'colour' is used as categorical and as numeric; use one kind per attribute",
                assertThrows(IllegalArgumentException.class, () -> b.numeric(6, "colour", 1)).getMessage());
    }

    @Test
    void ofRebuildsFeaturesFromTheirPartsAndRejectsInconsistentOnes() {
        ItemFeatures f = shop();
        String[] names = new String[f.featureCount()];
        for (int k = 0; k < names.length; k++) {
            names[k] = f.featureName(k);
        }
        ItemFeatures copy = ItemFeatures.of(f.items(), names, f.byItem());
        assertEquals(f.featureIndex("title:red"), copy.featureIndex("title:red"));
        assertEquals(weight(f, 1, "title:red"), weight(copy, 1, "title:red"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ItemFeatures.of(f.items(), java.util.Arrays.copyOf(names, names.length - 1), f.byItem()));
        assertEquals("feature matrix is 4 x " + names.length + ", expected 4 items x " + (names.length - 1)
                + " feature names", e.getMessage());
        String[] repeated = names.clone();
        repeated[1] = repeated[0];
        e = assertThrows(IllegalArgumentException.class, () -> ItemFeatures.of(f.items(), repeated, f.byItem()));
        assertEquals("feature name 0 is null or repeated: " + names[0], e.getMessage());
    }
}
