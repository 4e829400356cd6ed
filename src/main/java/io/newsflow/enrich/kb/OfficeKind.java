package io.newsflow.enrich.kb;

/** Kinds of office the knowledge base knows; title-only references ("the French President") resolve through them. */
public enum OfficeKind {
    HEAD_OF_STATE(true),
    HEAD_OF_GOVERNMENT(true),
    DEPUTY_HEAD_OF_STATE(true),
    DEPUTY_HEAD_OF_GOVERNMENT(true),
    FOREIGN_MINISTER(true),
    DEFENCE_MINISTER(true),
    FINANCE_MINISTER(true),
    /** Any other cabinet portfolio ("Home Secretary", "Interior Minister"). */
    MINISTER(true),
    ORG_HEAD(true),
    ADVISER(true),
    ENVOY(true),
    HEIR(true),
    SPOKESPERSON(false),
    OTHER(false);

    private final boolean leader;

    OfficeKind(boolean leader) {
        this.leader = leader;
    }

    /** Whether holders count as leaders (heads of state/government, ministers, heads of organisations, envoys…). */
    public boolean leader() {
        return leader;
    }
}
