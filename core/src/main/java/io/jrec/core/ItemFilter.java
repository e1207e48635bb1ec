package io.jrec.core;

import it.unimi.dsi.fastutil.longs.LongOpenHashSet;

import java.util.Arrays;
import java.util.function.LongPredicate;

/**
 * Business rules applied to a top-N query: whether items the user already has are excluded, an
 * optional allow list (only these items may be recommended), a deny list, and a predicate on the
 * item id (e.g. "in stock").
 *
 * <pre>{@code
 * ItemFilter inStock = ItemFilter.builder().deny(discontinued).require(stock::available).build();
 * recommender.topN(userId, 10, inStock);
 * }</pre>
 *
 * <p>Recommenders apply the rules only to items that would otherwise enter the result, so a
 * predicate is called for few items. Immutable; thread-safe as long as the predicate is.
 *
 * @since 0.1.0
 */
public final class ItemFilter {
    private static final ItemFilter EXCLUDE_SEEN = new ItemFilter(true, null, null, null);
    private static final ItemFilter NONE = new ItemFilter(false, null, null, null);

    private final boolean excludeSeen;
    private final LongOpenHashSet allow;
    private final LongOpenHashSet deny;
    private final LongPredicate predicate;
    private final long[] allowOrder;

    private ItemFilter(boolean excludeSeen, LongOpenHashSet allow, LongOpenHashSet deny, LongPredicate predicate) {
        this.excludeSeen = excludeSeen;
        this.allow = allow;
        this.deny = deny;
        this.predicate = predicate;
        this.allowOrder = allow == null ? null : allow.toLongArray();
        if (allowOrder != null) {
            Arrays.sort(allowOrder);
        }
    }

    /** The default: exclude the user's own items, no other rule. */
    public static ItemFilter excludeSeen() {
        return EXCLUDE_SEEN;
    }

    /** No rule at all: items the user already has may be recommended too. */
    public static ItemFilter none() {
        return NONE;
    }

    /** Only the given items may be recommended (and not those the user already has). */
    public static ItemFilter allowOnly(long... itemIds) {
        return builder().allow(itemIds).build();
    }

    /** A builder starting from the default (exclude seen, no lists, no predicate). */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether the user's training items are excluded. */
    public boolean excludesSeen() {
        return excludeSeen;
    }

    /** Whether there is any allow list, deny list or predicate. */
    public boolean hasRules() {
        return allow != null || deny != null || predicate != null;
    }

    /** Whether an allow list restricts the candidates. */
    public boolean hasAllowList() {
        return allow != null;
    }

    /** The allow list in ascending id order (a copy), or {@code null} when every item is allowed. */
    public long[] allowedIds() {
        return allowOrder == null ? null : allowOrder.clone();
    }

    /** Number of ids on the allow list, or -1 when every item is allowed. */
    public int allowedCount() {
        return allowOrder == null ? -1 : allowOrder.length;
    }

    /** The {@code k}-th allowed id in ascending order, {@code 0 <= k < allowedCount()}. */
    public long allowedId(int k) {
        return allowOrder[k];
    }

    /** Whether the rules (allow, deny, predicate; not the seen-exclusion) accept {@code itemId}. */
    public boolean accepts(long itemId) {
        return (allow == null || allow.contains(itemId))
                && (deny == null || !deny.contains(itemId))
                && (predicate == null || predicate.test(itemId));
    }

    @Override
    public String toString() {
        return "ItemFilter[excludeSeen=" + excludeSeen
                + (allow != null ? ", allow=" + allow.size() : "")
                + (deny != null ? ", deny=" + deny.size() : "")
                + (predicate != null ? ", predicate" : "") + "]";
    }

    /** Builds an {@link ItemFilter}. Not thread-safe. */
    public static final class Builder {
        private boolean excludeSeen = true;
        private LongOpenHashSet allow;
        private LongOpenHashSet deny;
        private LongPredicate predicate;

        private Builder() {
        }

        /** Whether items the user already has are excluded (default true). */
        public Builder excludeSeen(boolean exclude) {
            this.excludeSeen = exclude;
            return this;
        }

        /** Restricts candidates to these items (repeated calls add to the list). */
        public Builder allow(long... itemIds) {
            if (allow == null) {
                allow = new LongOpenHashSet(itemIds.length);
            }
            for (long id : itemIds) {
                allow.add(id);
            }
            return this;
        }

        /** Never recommends these items (repeated calls add to the list). */
        public Builder deny(long... itemIds) {
            if (deny == null) {
                deny = new LongOpenHashSet(itemIds.length);
            }
            for (long id : itemIds) {
                deny.add(id);
            }
            return this;
        }

        /** Recommends only items for which {@code rule} holds; repeated calls must all hold. */
        public Builder require(LongPredicate rule) {
            if (rule == null) {
                throw new IllegalArgumentException("predicate must not be null");
            }
            predicate = predicate == null ? rule : predicate.and(rule);
            return this;
        }

        /** The filter. */
        public ItemFilter build() {
            return new ItemFilter(excludeSeen,
                    allow == null ? null : new LongOpenHashSet(allow),
                    deny == null ? null : new LongOpenHashSet(deny),
                    predicate);
        }
    }
}
