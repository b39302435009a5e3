package dev.ferry.registry.client;

/** Whether a repository is read from or written to: a refusal by a target is the target's ({@code TargetRefused}). */
public enum Role {
    SOURCE,
    TARGET
}
