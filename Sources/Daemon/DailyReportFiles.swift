import Foundation
import Model
import Report
import Store

/// The daemon's report files in `report_dir`: `latest.html` (the last 24 hours) after every cycle, and
/// `YYYY-MM-DD.html` for the UTC day before, written by the first cycle of each UTC day (the first cycle that
/// finds it missing, so a restart neither skips nor rewrites a finished day). Each file is replaced atomically.
struct DailyReportFiles {
    let directory: String
    let store: SummitStore

    /// The paths written.
    @discardableResult
    func write(after cycleEnd: Date) throws -> [String] {
        var written: [String] = []
        // Unix time has no leap seconds: every UTC day is 86,400 of its seconds.
        let today = Date(timeIntervalSince1970: (cycleEnd.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
        let yesterday = today.addingTimeInterval(-86_400)
        let dailyPath = directory + "/" + ISOTime.day(yesterday) + ".html"
        if !FileManager.default.fileExists(atPath: dailyPath) {
            try ReportFile.write(ReportPage.render(try store.reportData(since: yesterday, until: today), generated: cycleEnd), to: dailyPath)
            written.append(dailyPath)
        }
        let latestPath = directory + "/latest.html"
        try ReportFile.write(
            ReportPage.render(try store.reportData(since: cycleEnd.addingTimeInterval(-86_400), until: cycleEnd), generated: cycleEnd),
            to: latestPath)
        written.append(latestPath)
        return written
    }
}
