import Foundation
import Model

/// One bar of an entity's per-day mention chart, in the SVG's own units.
struct BarView {
    var x: Int
    var y: Int
    var width: Int
    var height: Int
    /// The day and its count, shown as the bar's tooltip (`<title>`).
    var label: String
    var isZero: Bool
}

/// A small inline SVG bar chart, one bar a day: geometry only, computed here so the template holds no arithmetic.
struct TrendChart {
    static let barWidth = 8
    static let gap = 2
    /// The tallest bar; a day without mentions gets a 1-unit baseline tick so the chart reads as "zero", not "missing".
    static let plotHeight = 28
    static let baseline = 30

    var width: Int
    var height: Int
    var bars: [BarView]
    var summary: String

    init?(daily: [Int], start: Date) {
        guard let peak = daily.max(), peak > 0 else { return nil }
        width = daily.count * (Self.barWidth + Self.gap) - Self.gap
        height = Self.baseline + 1
        bars = daily.enumerated().map { index, count in
            let barHeight = count == 0 ? 1 : max(2, Int((Double(count) / Double(peak) * Double(Self.plotHeight)).rounded()))
            let day = ISOTime.day(start.addingTimeInterval(Double(index + 1) * 86_400 - 1))  // the day the bucket ends in
            return BarView(
                x: index * (Self.barWidth + Self.gap), y: Self.baseline - barHeight, width: Self.barWidth, height: barHeight,
                label: "\(day): \(count) mention\(count == 1 ? "" : "s")", isZero: count == 0)
        }
        summary = "mentions per day over \(daily.count) days, peak \(peak)"
    }
}
