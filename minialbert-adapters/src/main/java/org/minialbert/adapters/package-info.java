/**
 * Layer-wise adaptation plugins (MiniALBERT section 3.2): small per-iteration modules that let one
 * shared transformer layer behave differently at each iteration. {@code bottleneck} is the
 * reference adapter; the services file lists what this jar provides.
 */
package org.minialbert.adapters;
