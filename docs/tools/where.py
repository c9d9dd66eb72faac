#!/usr/bin/env python3
"""Where a callback's CPU goes, from async-profiler's collapsed stacks (event=itimer, so every
thread's CPU including native code is sampled; JFR's execution samples miss threads in native code,
where a socket-bound server spends most of its time).

Usage: where.py LABEL FILE.collapsed [--steady]

Each stack is put in the first stage whose rule matches: startup (class loading, deployment) is
left out; the harness (simulator or benchmark driver sharing the JVM) and the ack write by any
frame; then by the leaf-most Java frame that names a stage (JDK frames count to their caller);
native frames under no Java frame are the JVM's own (GC, JIT)."""
import sys, collections

STARTUP = ("PayaraMicroImpl.bootStrap", "ApplicationLifecycle.deploy", "java/lang/ClassLoader.loadClass",
           "org/jboss/weld/bootstrap", "URLClassPath", "DeployCommand", "AppServerStartup",
           # TLS and policy set up once (Payara's key stores, the JDK's default SSLContext):
           "javax/net/ssl/SSLContext.getDefault", "SecuritySupportImpl", "sun/security/provider/PolicyFile")
CONTEXT = [
    ("harness (simulator, bench driver)", ("dev/larkee/simulator/", "dev/larkee/bench/LongConnectionBenchmark", "dev/larkee/bench/WebhookBenchmark", "dev/larkee/bench/LoadClient", "dev/larkee/standalone/")),
    ("ack encode + write", ("dev/larkee/longconnection/LongConnection.ack", "dev/larkee/longconnection/LongConnection.sendOn",
                            "com/lark/oapi/ws/Client.sendMessage", "com/lark/oapi/ws/Client$", )),
    ("webhook answer (Jersey resume + HTTP write, on the observer thread)", ("dev/larkee/webhook/WebhookResource.lambda$receive",)),
    ("dispatch + observer (larkee, CDI)", ("dev/larkee/dispatch/Dispatcher.deliver",)),
]
LEAF = [
    ("JSON", ("org/eclipse/parsson/", "jakarta/json/", "dev/larkee/dispatch/StrictJson", "org/eclipse/yasson/",
              "com/google/gson/", "com/fasterxml/jackson/")),
    ("frame decode (protobuf)", ("dev/larkee/longconnection/FrameCodec", "com/google/protobuf/",
                                 "dev/larkee/longconnection/wire/", "dev/larkee/longconnection/FragmentAssembler", "com/lark/oapi/ws/pb/")),
    ("crypto", ("dev/larkee/crypto/", "javax/crypto/", "com/sun/crypto/", "sun/security/")),
    ("metrics", ("fish/payara/microprofile/metrics/", "dev/larkee/metrics/", "org/eclipse/microprofile/metrics/")),
    ("hand-off (queues, park/unpark)", ("java/util/concurrent/locks/", "java/util/concurrent/LinkedBlockingQueue",
                                        "java/util/concurrent/ThreadPoolExecutor", "java/util/concurrent/CompletableFuture",
                                        "jdk/internal/misc/Unsafe.unpark", "jdk/internal/misc/Unsafe.park")),
    ("dispatch + observer (larkee, CDI)", ("dev/larkee/",)),
    ("SDK handler", ("com/lark/oapi/",)),
    ("Tyrus (WebSocket frames)", ("org/glassfish/tyrus/",)),
    ("container (Grizzly I/O, Catalina, Jersey, Payara)", ("org/glassfish/", "org/apache/catalina/", "com/sun/enterprise/",
                                                            "fish/payara/", "org/jvnet/hk2/", "org/jboss/", "io/opentelemetry/",
                                                            "okhttp3/", "okio/", "jdk/internal/net/http/", "sun/nio/ch/")),
]

def is_java(frame):
    return "/" in frame and "." in frame and not frame.startswith("[")

def stage(frames):
    if any(m in f for f in frames for m in STARTUP):
        return None
    for name, prefixes in CONTEXT:
        if any(f.startswith(prefixes) for f in frames):
            return name
    java = [f for f in frames if is_java(f)]
    if not java:
        if any("CompileBroker" in f or "Compiler" in f for f in frames):
            return "JVM: JIT compiler"
        if any("VMThread" in f or "GCTask" in f or "GangWorker" in f for f in frames):
            return "JVM: GC and safepoints"
        return "JVM: other native"
    for f in reversed(java):  # leaf first
        for name, prefixes in LEAF:
            if f.startswith(prefixes):
                return name
    return "JDK (threads, I/O, collections)"

label, path = sys.argv[1], sys.argv[2]
steady = "--steady" in sys.argv  # leave the JIT compiler out too: what a warmed-up server spends
count = collections.Counter()
for line in open(path):
    stack, _, n = line.rstrip("\n").rpartition(" ")
    s = stage(stack.split(";"))
    if s and not (steady and s == "JVM: JIT compiler"):
        count[s] += int(n)
total = sum(count.values()) or 1
print(f"{label}: {total} samples (startup{' and JIT' if steady else ''} left out)")
for name, n in count.most_common():
    print(f"  {100.0 * n / total:5.1f}%  {name}")
