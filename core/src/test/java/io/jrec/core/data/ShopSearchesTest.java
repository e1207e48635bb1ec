package io.jrec.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jrec.core.DenseVectors;
import io.jrec.core.data.ShopSearches.Search;
import io.jrec.core.data.SyntheticShop.Product;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ShopSearchesTest {
    private static final SyntheticShop SHOP = SyntheticShop.builder().customers(500).products(300).events(20_000).seed(3).build();

    @Test
    void searchesAreSeededAndFollowTheHiddenTaste() {
        List<Search> a = ShopSearches.builder(SHOP).searches(2_000).seed(9).build();
        List<Search> b = ShopSearches.builder(SHOP).searches(2_000).seed(9).build();
        assertEquals(a.toString(), b.toString());
        int purchased = 0;
        int inTaste = 0;
        int nounInQuery = 0;
        long previous = Long.MIN_VALUE;
        for (Search s : a) {
            Product p = SHOP.product(s.wantedProductId());
            assertTrue(p.inStock());
            assertEquals(s.wantedProductId(), s.clicks()[0]);
            assertTrue(s.timestamp() >= previous && s.timestamp() >= SyntheticShop.START + SyntheticShop.SPAN);
            previous = s.timestamp();
            purchased += s.purchased() ? 1 : 0;
            if (s.purchased()) {
                assertEquals(s.wantedProductId(), s.purchasedProductId());
            }
            inTaste += SHOP.customer(s.customerId()).preferredCategories().contains(p.category()) ? 1 : 0;
            String noun = p.title().substring(p.title().lastIndexOf(' ') + 1).toLowerCase(Locale.ROOT);
            nounInQuery += s.query().contains(noun) ? 1 : 0;
        }
        assertEquals(0.7, purchased / 2000.0, 0.04);
        assertTrue(inTaste > 0.8 * 2000, "in taste: " + inTaste);
        // 10% of queries get a typo, which may hit the noun
        assertTrue(nounInQuery > 0.85 * 2000 && nounInQuery < 2000, "noun kept: " + nounInQuery);
        assertTrue(a.stream().anyMatch(s -> s.query().contains("under ")));
        assertTrue(a.stream().anyMatch(s -> s.query().startsWith("cheap ")));
    }

    @Test
    void ratesAreValidatedAndZeroRatesGiveCleanQueries() {
        List<Search> clean = ShopSearches.builder(SHOP).searches(300).typoRate(0).priceRate(0).brandRate(0)
                .purchaseRate(1).build();
        for (Search s : clean) {
            Product p = SHOP.product(s.wantedProductId());
            assertTrue(p.title().toLowerCase(Locale.ROOT).endsWith(s.query().substring(s.query().lastIndexOf(' ') + 1)), s.toString());
            assertTrue(s.purchased());
        }
        assertEquals("typoRate must be in [0, 1], got 1.5",
                assertThrows(IllegalArgumentException.class, () -> ShopSearches.builder(SHOP).typoRate(1.5).build()).getMessage());
        assertEquals("searches must be >= 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> ShopSearches.builder(SHOP).searches(-1).build()).getMessage());
    }

    @Test
    void attributeVectorsPutSameCategoryCloser() {
        DenseVectors v = ShopSearches.attributeVectors(SHOP, 16, 0.5, 11);
        assertEquals(SHOP.catalog().size(), v.size());
        assertEquals(16, v.dimension());
        double same = 0;
        double other = 0;
        int ns = 0;
        int no = 0;
        List<Product> c = SHOP.catalog();
        for (int i = 0; i < 100; i++) {
            for (int j = i + 1; j < 100; j++) {
                double cos = v.cosine(c.get(i).id(), c.get(j).id());
                if (c.get(i).category().equals(c.get(j).category())) {
                    same += cos;
                    ns++;
                } else {
                    other += cos;
                    no++;
                }
            }
        }
        assertTrue(same / ns > other / no + 0.3, same / ns + " vs " + other / no);
        assertEquals("noise must be finite and >= 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> ShopSearches.attributeVectors(SHOP, 4, -1, 1)).getMessage());
    }

    @Test
    void attributeVectorsOfAnExtendedCatalogueKeepTheShopsAndCodeTheNewProduct() {
        List<Product> products = new ArrayList<>(SHOP.catalog());
        Product model = SHOP.catalog().get(0);
        Product added = new Product(1L, model.category(), model.brand(), model.priceBand(), model.price(),
                "New", true);
        products.add(added);
        DenseVectors shop = ShopSearches.attributeVectors(SHOP, 8, 0.5, 11);
        DenseVectors extended = ShopSearches.attributeVectors(products, 8, 0.5, 11);
        assertEquals(shop.size() + 1, extended.size());
        for (Product p : SHOP.catalog()) {
            assertArrayEquals(shop.vectorOf(p.id()), extended.vectorOf(p.id()), "product " + p.id());
        }
        // without noise, a product with the same category, brand and band has the same code
        DenseVectors exact = ShopSearches.attributeVectors(products, 8, 0, 11);
        assertArrayEquals(exact.vectorOf(model.id()), exact.vectorOf(added.id()));
        assertEquals("id 1 has two vectors", assertThrows(IllegalArgumentException.class,
                () -> ShopSearches.attributeVectors(List.of(added, added), 4, 0, 1)).getMessage());
    }
}
