import Foundation
import Report
import TestSupport
import Testing

/// A real browser opens the demo report: headless Chromium (Debian's package, installed by Deploy/setup.sh)
/// renders it to a PNG and dumps the DOM it built.
@Suite struct BrowserTests {
    @Test(.enabled(if: ExternalTools.chromium != nil, "chromium is not installed: run Deploy/setup.sh (it installs Debian's chromium package)"))
    func chromiumRendersTheDemoReport() async throws {
        let folder = try TemporaryFolder()
        let (html, _) = try await ReportPageTests.demoReport(folder)
        let page = folder.file("report.html")
        let screenshot = folder.file("report.png")
        try ReportFile.write(html, to: page)

        let shot = try ExternalTools.chromium(["--window-size=800,1000", "--screenshot=\(screenshot)", "file://\(page)"], profile: folder.file("profile-1"))
        #expect(shot.status == 0, "\(shot.errors)")
        let image = try ExternalTools.pngColours(screenshot)
        #expect(image.width == 800)
        #expect(image.colours > 20, "a blank or single-colour screenshot has no text or charts")

        let dom = try ExternalTools.chromium(["--dump-dom", "file://\(page)"], profile: folder.file("profile-2"))
        #expect(dom.status == 0, "\(dom.errors)")
        #expect(dom.output.contains("<span class=\"participant\">Donald Trump</span>"))
        #expect(dom.output.contains("<span class=\"participant\">Vladimir Putin</span>"))
        #expect(dom.output.contains("<svg class=\"chart\""))
    }
}
