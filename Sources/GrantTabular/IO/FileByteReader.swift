import Glibc

/// Reads a file front to back in fixed-size chunks with plain POSIX calls.
final class FileByteReader {
    static let chunkSize = 64 * 1024

    let path: String
    let size: Int
    private let fd: Int32
    /// Bytes handed out so far (the absolute offset of the next chunk).
    private(set) var offset = 0

    init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            if errno == ENOENT || errno == ENOTDIR {
                throw TabularError.fileNotFound(path: path)
            }
            throw TabularError.unreadable(path: path, detail: String(cString: strerror(errno)))
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            close(fd)
            throw TabularError.unreadable(path: path, detail: String(cString: strerror(errno)))
        }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw TabularError.unreadable(path: path, detail: "is a directory")
        }
        self.fd = fd
        self.size = Int(st.st_size)
    }

    deinit { close(fd) }

    /// Fills `buffer` (replacing its contents) with up to `max` bytes; an empty buffer means end of file.
    func read(into buffer: inout [UInt8], max: Int = FileByteReader.chunkSize) throws {
        var failure: Int32 = 0
        // Read straight into the array's storage; retry short reads until full or EOF.
        buffer = [UInt8](unsafeUninitializedCapacity: max) { raw, count in
            var filled = 0
            count = 0
            guard let base = raw.baseAddress else { return }
            while filled < max {
                let n = Glibc.read(fd, base + filled, max - filled)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if n == 0 { break }
                filled += n
            }
            count = filled
        }
        if failure != 0 {
            throw TabularError.unreadable(path: path, detail: String(cString: strerror(failure)))
        }
        offset += buffer.count
    }

    /// Reads the first `count` bytes without disturbing the sequential position.
    func peek(_ count: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { raw, n in
            n = 0
            guard let base = raw.baseAddress else { return }
            n = max(0, pread(fd, base, count, 0))
        }
    }
}
