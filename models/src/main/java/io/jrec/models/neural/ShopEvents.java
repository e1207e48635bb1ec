package io.jrec.models.neural;

import io.jrec.core.data.SyntheticShop;
import io.jrec.core.data.SyntheticShop.EventType;

import java.util.Arrays;
import java.util.Objects;

/**
 * An append-only log of shop events (customer, product, {@link EventType view / cart / purchase}, unix
 * seconds) in primitive arrays, the input of {@link PurchaseClassifier}. It is a
 * {@link SyntheticShop.EventSink}, so {@code shop.forEachEvent(log)} fills it; applications add their own
 * events with {@link #accept}. Time windows ({@link #before}, {@link #between}) are copies.
 *
 * <p>Not thread-safe while being filled; do not add events once it is handed to a model.
 *
 * @since 0.1.0
 */
public final class ShopEvents implements SyntheticShop.EventSink {
    private static final EventType[] TYPES = EventType.values();

    private long[] customers = new long[1024];
    private long[] products = new long[1024];
    private long[] times = new long[1024];
    private byte[] types = new byte[1024];
    private int size;

    /** An empty log. */
    public ShopEvents() {
    }

    /** All events of {@code shop}, in time order. */
    public static ShopEvents of(SyntheticShop shop) {
        ShopEvents log = new ShopEvents();
        shop.forEachEvent(log);
        return log;
    }

    /** Appends one event. */
    @Override
    public void accept(long customerId, long productId, EventType type, long timestampSeconds) {
        Objects.requireNonNull(type, "type");
        if (size == customers.length) {
            int capacity = size * 2;
            customers = Arrays.copyOf(customers, capacity);
            products = Arrays.copyOf(products, capacity);
            times = Arrays.copyOf(times, capacity);
            types = Arrays.copyOf(types, capacity);
        }
        customers[size] = customerId;
        products[size] = productId;
        times[size] = timestampSeconds;
        types[size] = (byte) type.ordinal();
        size++;
    }

    /** Number of events. */
    public int size() {
        return size;
    }

    /** Customer of event k. */
    public long customer(int k) {
        return customers[Objects.checkIndex(k, size)];
    }

    /** Product of event k. */
    public long product(int k) {
        return products[Objects.checkIndex(k, size)];
    }

    /** Type of event k. */
    public EventType type(int k) {
        return TYPES[types[Objects.checkIndex(k, size)]];
    }

    /** Time of event k (unix seconds). */
    public long timestamp(int k) {
        return times[Objects.checkIndex(k, size)];
    }

    /** The latest timestamp, or {@link Long#MIN_VALUE} if empty. */
    public long latest() {
        long t = Long.MIN_VALUE;
        for (int k = 0; k < size; k++) {
            t = Math.max(t, times[k]);
        }
        return t;
    }

    /** The events with timestamp &lt; {@code end}. */
    public ShopEvents before(long end) {
        return between(Long.MIN_VALUE, end);
    }

    /** The events with {@code start <= timestamp < end}, in log order. */
    public ShopEvents between(long start, long end) {
        ShopEvents out = new ShopEvents();
        for (int k = 0; k < size; k++) {
            if (times[k] >= start && times[k] < end) {
                out.accept(customers[k], products[k], TYPES[types[k]], times[k]);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "ShopEvents[" + size + " events]";
    }
}
