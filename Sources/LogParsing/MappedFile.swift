#if canImport(Glibc)
    import Glibc
    import Synchronization
#endif

/// A plain log file mapped into memory read-only, so its chunks are ranges of the file itself.
///
/// Reading a file with `read(2)` copied every byte twice on the reading thread (from the kernel
/// into the line buffer, from there into a chunk): on a 100 MB slow log about a fifth of that
/// thread's time, which the two cores of a small machine also needed for the workers. Mapped, the
/// reading thread only looks for line ends and the workers read the pages where they are.
///
/// Memory stays bounded as with buffers: the pages of merged chunks are given back
/// (`release(upTo:)`); only those of the chunks in flight are resident. A file truncated while
/// mapped (logrotate's `copytruncate`) would raise SIGBUS on its lost pages: `TruncationGuard`
/// maps zero pages there instead, the reader stops at the first one, and `changedWhileRead` says so.
/// Linux only; elsewhere `map` answers nil and the file is read.
final class MappedFile: @unchecked Sendable {
    // Unchecked: the bytes are never written; `released` is the reading thread's alone.
    let base: UnsafePointer<UInt8>
    let count: Int
    /// Bytes from the start whose pages were given back.
    private var released = 0
    private let slot: Int

    private init(base: UnsafePointer<UInt8>, count: Int, slot: Int) {
        self.base = base
        self.count = count
        self.slot = slot
    }

    /// `descriptor`'s first `size` bytes mapped, or nil where mapping is not possible or not
    /// worth it (nothing to map, no room in the guard's table, not Linux): the caller reads instead.
    static func map(descriptor: Int32, size: Int) -> MappedFile? {
        #if canImport(Glibc)
            guard size > 0, let raw = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), raw != MAP_FAILED else {
                return nil
            }
            guard let slot = TruncationGuard.register(UInt(bitPattern: raw), size) else {
                munmap(raw, size)
                return nil
            }
            // Read ahead of the reading thread, and drop pages behind it sooner.
            madvise(raw, size, MADV_SEQUENTIAL)
            return MappedFile(base: UnsafePointer(raw.assumingMemoryBound(to: UInt8.self)), count: size, slot: slot)
        #else
            return nil
        #endif
    }

    deinit {
        #if canImport(Glibc)
            munmap(UnsafeMutableRawPointer(mutating: base), count)
            TruncationGuard.unregister(slot)
        #endif
    }

    /// Whether a page of the file went away while it was mapped (the file was truncated): the
    /// bytes read from there on are zeros, not the log.
    var changedWhileRead: Bool {
        #if canImport(Glibc)
            TruncationGuard.replacedPages(slot) > 0
        #else
            false
        #endif
    }

    /// Gives back the pages wholly before byte `offset` (merged chunks' lines: nothing reads them
    /// again). Reading them anyway would only read the file again.
    func release(upTo offset: Int) {
        #if canImport(Glibc)
            let page = TruncationGuard.pageSize
            let end = min(offset, count) / page * page
            guard end > released else { return }
            madvise(UnsafeMutableRawPointer(mutating: base + released), end - released, MADV_DONTNEED)
            released = end
        #endif
    }
}

#if canImport(Glibc)
    /// The SIGBUS handler for mapped logs: a fault in a registered mapping (its file lost the page)
    /// maps a page of zeros there and counts it; any other SIGBUS goes to the handler that was
    /// installed before (the Swift runtime's crash report), as if this one never ran.
    enum TruncationGuard {
        static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        /// Mappings at once (several logs read side by side); a further one is read, not mapped.
        static let slots = 16
        // What the handler reads: start and end address of each mapping (0, 0 when free), and the
        // pages it replaced. Atomics, as a signal handler may run between any two instructions.
        fileprivate static let starts = InlineArray<16, Atomic<UInt>> { _ in Atomic(0) }
        fileprivate static let ends = InlineArray<16, Atomic<UInt>> { _ in Atomic(0) }
        fileprivate static let replaced = InlineArray<16, Atomic<Int>> { _ in Atomic(0) }
        private static let taken = InlineArray<16, Atomic<Bool>> { _ in Atomic(false) }
        /// The action before this handler (kept where the handler can reach it without Swift's
        /// access checks), and whether this one is installed (once per process).
        nonisolated(unsafe) fileprivate static let previous: UnsafeMutablePointer<sigaction> = {
            let action = UnsafeMutablePointer<sigaction>.allocate(capacity: 1)
            action.initialize(to: sigaction())
            return action
        }()
        private static let installed = Atomic<Bool>(false)
        private static let installing = Mutex(())

        /// A free slot holding `[start, start + count)`, or nil when all are taken.
        static func register(_ start: UInt, _ count: Int) -> Int? {
            installIfNeeded()
            for k in 0..<slots {
                guard taken[k].compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
                    continue
                }
                replaced[k].store(0, ordering: .relaxed)
                ends[k].store(start + UInt(count), ordering: .relaxed)
                starts[k].store(start, ordering: .releasing)
                return k
            }
            return nil
        }

        static func unregister(_ slot: Int) {
            starts[slot].store(0, ordering: .relaxed)
            ends[slot].store(0, ordering: .releasing)
            taken[slot].store(false, ordering: .releasing)
        }

        static func replacedPages(_ slot: Int) -> Int { replaced[slot].load(ordering: .acquiring) }

        private static func installIfNeeded() {
            guard !installed.load(ordering: .acquiring) else { return }
            installing.withLock { _ in
                guard !installed.load(ordering: .acquiring) else { return }
                // Statics are made on first use, which a signal handler must not be the one to do.
                _ = (pageSize, starts[0].load(ordering: .relaxed), ends[0].load(ordering: .relaxed))
                _ = (replaced[0].load(ordering: .relaxed), previous)
                var action = sigaction()
                action.__sigaction_handler.sa_sigaction = onBusError
                action.sa_flags = SA_SIGINFO
                sigemptyset(&action.sa_mask)
                sigaction(SIGBUS, &action, previous)
                installed.store(true, ordering: .releasing)
            }
        }
    }

    /// See `TruncationGuard`. Only async-signal-safe calls: atomics, `mmap`, `sigaction`.
    private func onBusError(
        _ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?
    ) {
        let address = UInt(bitPattern: info?.pointee._sifields._sigfault.si_addr)
        for k in 0..<TruncationGuard.slots {
            let start = TruncationGuard.starts[k].load(ordering: .acquiring)
            guard start != 0, address >= start, address < TruncationGuard.ends[k].load(ordering: .relaxed) else {
                continue
            }
            let page = address & ~UInt(TruncationGuard.pageSize - 1)
            _ = mmap(
                UnsafeMutableRawPointer(bitPattern: page), TruncationGuard.pageSize, PROT_READ,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)
            TruncationGuard.replaced[k].add(1, ordering: .releasing)
            return
        }
        // Not a mapped log's page: the fault repeats under the handler from before.
        sigaction(SIGBUS, TruncationGuard.previous, nil)
    }
#endif
