package org.hindsight.ingest;

import java.nio.file.Path;

/**
 * One CSV file to read and its kind: from its name, or named by the user ({@code kind=path}).
 *
 * @param display how reports cite the file (the path as the user gave it)
 */
public record InputFile(Path path, LogKind kind, String display) {}
