package org.hindsight.simulate;

import java.util.List;

/** A chart a replay offers to the report: observed vs predicted curves on one time axis. */
public record Chart(String title, String unit, List<Series> series) {}
