/**
 * Importers: the sources SREs actually have (TACACS+ accounting, router syslogs, Prometheus,
 * Grafana, Splunk, Kibana, OpenTelemetry, Kubernetes audit and events, shell history, Ansible, Salt, NetBox, ServiceNow,
 * Backstage) turned into the contract's CSV kinds. One small class per format behind
 * {@link org.hindsight.importer.Importer}, registered by name in
 * {@code META-INF/services/org.hindsight.importer.Importer}. Every row written keeps the position of
 * the record it came from in an {@code origin} column ({@code file:line}), so reports cite the
 * user's own file. Vendor and tool quirks stay here, at the edge; nothing past ingest knows them.
 */
package org.hindsight.importer;
