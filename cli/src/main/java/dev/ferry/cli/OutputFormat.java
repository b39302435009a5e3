package dev.ferry.cli;

/** How a command prints its result: a table for people, JSON for pipelines. */
public enum OutputFormat {
    TEXT, JSON
}
