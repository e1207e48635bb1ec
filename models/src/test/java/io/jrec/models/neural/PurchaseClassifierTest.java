package io.jrec.models.neural;

import io.jrec.core.ItemFeatures;
import io.jrec.core.data.SyntheticShop;
import io.jrec.core.data.SyntheticShop.EventType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PurchaseClassifierTest {
    static final long DAY = 86_400L;
    static final long CUT = SyntheticShop.START + 240 * DAY;
    static final long END = SyntheticShop.START + 300 * DAY;

    static SyntheticShop shop;
    static ShopEvents events;
    static ItemFeatures features;
    /** Trained on days 240..300 with inputs from days 0..240. */
    static PurchaseClassifier model;

    @BeforeAll
    static void shop() {
        shop = SyntheticShop.builder().seed(42).build();
        events = ShopEvents.of(shop);
        features = catalogueFeatures(shop);
        model = settings().build().fit(features, events.before(CUT), events.between(CUT, END));
    }

    /** Category, brand, price band and stock one-hots and the min-max scaled price (no title tokens). */
    static ItemFeatures catalogueFeatures(SyntheticShop shop) {
        ItemFeatures.Builder b = ItemFeatures.builder();
        for (SyntheticShop.Product p : shop.catalog()) {
            b.categorical(p.id(), "category", p.category())
                    .categorical(p.id(), "brand", p.brand())
                    .categorical(p.id(), "priceBand", p.priceBand())
                    .categorical(p.id(), "stock", p.inStock() ? "in" : "out")
                    .numeric(p.id(), "price", p.price());
        }
        return b.build();
    }

    static PurchaseClassifier.Builder settings() {
        return PurchaseClassifier.builder().epochs(8).seed(7);
    }

    @Test
    void beatsTheBaseRateOnALaterWindow() {
        // the test window (days 300..365) is scored with inputs from days 0..300
        PurchaseClassifier.Evaluation e = model.withHistory(events.before(END))
                .evaluate(events.between(END, Long.MAX_VALUE), 1, 11);
        System.out.println(e.toTable());
        assertTrue(e.examples() > 1000, "examples " + e.examples());
        assertTrue(e.logLoss() < 0.95 * e.baseRateLogLoss(), e.logLoss() + " vs base rate " + e.baseRateLogLoss());
        assertTrue(e.auc() > 0.65, "AUC " + e.auc());
        int counted = 0;
        for (ProbabilityMetrics.CalibrationBin b : e.calibration()) {
            counted += b.count();
        }
        assertEquals(e.examples(), counted);
    }

    @Test
    void sameSeedSameProbabilities() {
        PurchaseClassifier a = settings().epochs(1).build().fit(features, events.before(CUT), events.between(CUT, END));
        PurchaseClassifier b = settings().epochs(1).build().fit(features, events.before(CUT), events.between(CUT, END));
        PurchaseClassifier c = settings().epochs(1).seed(8).build()
                .fit(features, events.before(CUT), events.between(CUT, END));
        long customer = events.customer(0);
        long product = events.product(0);
        double p = a.probability(customer, product);
        assertTrue(p > 0 && p < 1, "p " + p);
        assertEquals(p, b.probability(customer, product), 0.0);
        assertTrue(p != c.probability(customer, product));
        assertTrue(Double.isNaN(a.probability(customer, 1L)), "unknown product");
        double newCustomer = a.probability(1L, product);
        assertTrue(newCustomer > 0 && newCustomer < 1, "cold-start customer " + newCustomer);
        assertEquals(2 * features.featureCount() + 15, a.inputCount());
    }

    /** Hand-made windows: pair (1, A) viewed, (1, B) bought, (2, A) carted and bought; one negative each. */
    @Test
    void examplesAreTouchedPairsPlusSampledNegatives() {
        ItemFeatures items = ItemFeatures.builder().categorical(10, "c", "x").categorical(20, "c", "y")
                .categorical(30, "c", "x").categorical(40, "c", "y").build();
        ShopEvents window = new ShopEvents();
        window.accept(1, 10, EventType.VIEW, 100);
        window.accept(1, 20, EventType.VIEW, 101);
        window.accept(1, 20, EventType.PURCHASE, 102);
        window.accept(2, 10, EventType.CART, 103);
        window.accept(2, 10, EventType.PURCHASE, 104);
        window.accept(2, 99, EventType.VIEW, 105); // no features: ignored
        PurchaseExamples ex = PurchaseExamples.of(items, window, 1, new SplittableRandom(1));
        assertEquals(6, ex.size);
        // order: (1, 10) 0, its negative, (1, 20) 1, its negative, (2, 10) 1, its negative
        assertEquals(1, ex.customers[0]);
        assertEquals(0, ex.products[0]);
        assertEquals(false, ex.labels[0]);
        assertEquals(1, ex.products[2]);
        assertEquals(true, ex.labels[2]);
        assertEquals(2, ex.customers[4]);
        assertEquals(true, ex.labels[4]);
        for (int e : new int[] {1, 3}) {
            assertEquals(false, ex.labels[e]);
            assertTrue(ex.products[e] == 2 || ex.products[e] == 3, "customer 1 touched items 0 and 1");
        }
        assertTrue(ex.products[5] != 0 && !ex.labels[5], "customer 2 touched item 0");
    }

    @Test
    void badInputMessages() {
        assertMessage("hiddenLayers must all be >= 1, got [8, 0]",
                () -> PurchaseClassifier.builder().hiddenLayers(8, 0).build());
        assertMessage("negatives must be >= 0, got -1", () -> PurchaseClassifier.builder().negatives(-1).build());
        assertMessage("learningRate must be a finite number > 0, got 0.0",
                () -> PurchaseClassifier.builder().learningRate(0).build());
        assertMessage("l2 must be a finite number >= 0, got -1.0", () -> PurchaseClassifier.builder().l2(-1).build());
        assertMessage("batchSize must be >= 1, got 0", () -> PurchaseClassifier.builder().batchSize(0).build());
        assertMessage("epochs must be >= 1, got 0", () -> PurchaseClassifier.builder().epochs(0).build());
        assertMessage("the training window needs purchases and non-purchases, got 0 examples with positive rate 0.0",
                () -> PurchaseClassifier.builder().build().fit(features, events, new ShopEvents()));
        assertMessage("negatives must be >= 0, got -2", () -> model.evaluate(events, -2, 1));
        assertMessage("the window has no event on a product with features: no example",
                () -> model.evaluate(new ShopEvents(), 1, 1));
    }

    private static void assertMessage(String expected, Executable action) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, action).getMessage());
    }
}
