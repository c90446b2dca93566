/**
 * Downstream tasks as plugins (reference spec sections 7-8): sentence-level tasks
 * ({@link org.minialbert.api.task.SentenceTaskProvider}, e.g. GLUE) and token-level tasks
 * ({@link org.minialbert.api.task.TokenTaskProvider}, e.g. biomedical NER). A sentence task
 * gives a named task (a GLUE task, say) that reads its dataset splits into
 * {@link org.minialbert.api.task.SentenceExample}s and scores predictions with the task's official
 * metrics. The fine-tuning loop in core trains any encoder on it with a classification or
 * regression head.
 */
package org.minialbert.api.task;
