/**
 * Downstream tasks as plugins (reference spec sections 7-8): a {@link org.minialbert.api.task.SentenceTaskProvider}
 * gives a named task (a GLUE task, say) that reads its dataset splits into
 * {@link org.minialbert.api.task.SentenceExample}s and scores predictions with the task's official
 * metrics. The fine-tuning loop in core trains any encoder on it with a classification or
 * regression head.
 */
package org.minialbert.api.task;
