package org.hindsight.engine;

import org.hindsight.facts.SourceRef;

/**
 * A DRL query: where it is declared and whether it calls itself (a recursive query is the usual
 * suspect when the rules' conditions run past their budget).
 */
public record QueryInfo(String name, SourceRef at, boolean recursive) {}
