package org.cnnexplorer;

/** Mains for {@link VectorRelauncherTest}: a parent that relaunches, and a child that waits. */
final class RelaunchStubs {
    private RelaunchStubs() {
    }

    /** Relaunches {@link Child} as Main does and exits with its code. */
    static final class Parent {
        public static void main(String[] args) {
            System.exit(VectorRelauncher.relaunch(Child.class, args).orElse(99));
        }
    }

    /** Watches its parent as Main does, prints its process id, then waits to be ended. */
    static final class Child {
        public static void main(String[] args) throws InterruptedException {
            VectorRelauncher.exitWithParent();
            System.out.println(ProcessHandle.current().pid());
            System.out.flush();
            Thread.sleep(600_000);
        }
    }
}
