package org.hindsight.patterns.missingexit;

/**
 * One level of a CLI configuration context: an IOS mode ({@code router isis CORE}), a Junos
 * {@code edit} step or an SR OS context.
 *
 * @param kind the dialect's name for the mode, so its grammar knows which lines are valid here
 * @param label what the operator typed to get here, for reports
 * @param protocol routing protocol this level configures ("" when none)
 * @param vrf VRF / routing instance this level belongs to ("" when none)
 * @param enteredAt seq of the session line that entered this level (-1 for synthetic levels)
 */
public record Frame(String kind, String label, String protocol, String vrf, int enteredAt) {}
