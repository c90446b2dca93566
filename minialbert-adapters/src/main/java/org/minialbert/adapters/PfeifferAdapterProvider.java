package org.minialbert.adapters;

/** {@code pfeiffer}: a per-iteration bottleneck adapter after the feed-forward block only. */
public final class PfeifferAdapterProvider extends HoulsbyAdapterProvider {

    @Override
    public String name() {
        return "pfeiffer";
    }

    @Override
    public String description() {
        return "per-iteration bottleneck adapter after the feed-forward block only, before the residual";
    }

    @Override
    boolean adaptsAttention() {
        return false;
    }
}
