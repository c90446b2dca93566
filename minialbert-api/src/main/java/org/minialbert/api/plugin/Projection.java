package org.minialbert.api.plugin;

/** The linear maps of a transformer layer that {@link LayerAdaptation#projection} may adjust (e.g. LoRA). */
public enum Projection {
    QUERY, KEY, VALUE, ATTENTION_OUTPUT, INTERMEDIATE, FEED_FORWARD_OUTPUT
}
