package org.minialbert.api.plugin;

/** The two sub-blocks of a transformer layer, each closed by a residual and a LayerNorm. */
public enum Sublayer {
    ATTENTION, FEED_FORWARD
}
