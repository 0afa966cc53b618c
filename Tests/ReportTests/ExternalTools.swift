import Foundation

/// Programs the report tests run as a person's tools would: an HTML5 parser and a browser. Deploy/setup.sh
/// installs both (Debian's python3-html5lib and chromium).
enum ExternalTools {
    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    static func run(_ executable: String, _ arguments: [String], input: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        let standardInput = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = standardInput
        try process.run()
        standardInput.fileHandleForWriting.write(Data((input ?? "").utf8))
        try standardInput.fileHandleForWriting.close()
        // Both pipes drained concurrently, so neither side blocks on a full pipe buffer.
        nonisolated(unsafe) var errorData = Data()
        let errorReader = Thread { errorData = errors.fileHandleForReading.readDataToEndOfFile() }
        errorReader.start()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorReader.isFinished { Thread.sleep(forTimeInterval: 0.01) }
        return Run(status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self), errors: String(decoding: errorData, as: UTF8.self))
    }

    /// Debian's Python, where python3-html5lib is installed (a pyenv python3 earlier on PATH may lack it).
    static let python = "/usr/bin/python3"

    /// The parse errors html5lib's strict HTML5 parser reports for `html` (empty: the page is valid HTML5 syntax).
    static func html5Errors(_ html: String) throws -> [String] {
        let script = """
            import sys, html5lib
            parser = html5lib.HTMLParser(strict=False)
            parser.parse(sys.stdin.buffer.read())
            for position, code, data in parser.errors: print(position, code, data)
            """
        let result = try run(python, ["-c", script], input: html)
        guard result.status == 0 else { throw ToolFailure(tool: "html5lib", message: result.errors) }
        return result.output.split(separator: "\n").map(String.init)
    }

    static var chromium: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Headless Chromium, isolated from any profile; `--no-sandbox` because tests run as root in CI.
    static func chromium(_ arguments: [String], profile: String) throws -> Run {
        guard let chromium else { throw ToolFailure(tool: "chromium", message: "not installed") }
        return try run(
            chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
                "--disable-dev-shm-usage", "--user-data-dir=\(profile)",
            ] + arguments)
    }

    /// Width, height and the number of distinct colours of a PNG (8-bit RGB or RGBA, as Chromium writes them),
    /// decoded with Python's standard library only.
    static func pngColours(_ path: String) throws -> (width: Int, height: Int, colours: Int) {
        let script = """
            import sys, struct, zlib
            data = open(sys.argv[1], 'rb').read()
            assert data[:8] == b'\\x89PNG\\r\\n\\x1a\\n'
            pos, idat = 8, b''
            while pos < len(data):
                length, kind = struct.unpack('>I4s', data[pos:pos + 8])
                body = data[pos + 8:pos + 8 + length]
                if kind == b'IHDR': width, height, depth, colour = struct.unpack('>IIBB', body[:10])
                if kind == b'IDAT': idat += body
                pos += 12 + length
            assert depth == 8 and colour in (2, 6)
            bpp = 3 if colour == 2 else 4
            raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
            for y in range(height):
                f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
                for i in range(stride):
                    a = line[i - bpp] if i >= bpp else 0
                    b, c = prev[i], prev[i - bpp] if i >= bpp else 0
                    if f == 1: line[i] = (line[i] + a) & 255
                    elif f == 2: line[i] = (line[i] + b) & 255
                    elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
                    elif f == 4:
                        p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                        line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
                rows.append(bytes(line)); prev = line
            colours = set()
            for line in rows[::4]:
                for x in range(0, stride, bpp * 2): colours.add(line[x:x + 3])
            print(width, height, len(colours))
            """
        let result = try run(python, ["-c", script, path])
        let numbers = result.output.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard result.status == 0, numbers.count == 3 else { throw ToolFailure(tool: "png decode", message: result.errors) }
        return (numbers[0], numbers[1], numbers[2])
    }

    struct ToolFailure: Error, CustomStringConvertible {
        var tool: String
        var message: String
        var description: String { "\(tool): \(message)" }
    }
}
