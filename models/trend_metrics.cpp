#include "trend_metrics.h"

#include <QDateTime>
#include <QHash>
#include <QMap>
#include <QRegularExpression>
#include <QTimeZone>
#include <algorithm>
#include <cmath>

namespace wf {

namespace {

constexpr qint64 kWeekMs = 7 * kDayMs;

}  // namespace

SloTrend computeSloTrend(const QVector<TrendPoint>& points, double objective, qint64 fromMs,
                         qint64 toMs)
{
    SloTrend out;
    out.objective = objective;
    QVector<TrendPoint> in;
    for (const TrendPoint& p : points)
        if (p.startMs >= fromMs && p.startMs < toMs && p.valid > 0)
            in.append(p);
    std::sort(in.begin(), in.end(),
              [](const TrendPoint& a, const TrendPoint& b) { return a.startMs < b.startMs; });
    for (const TrendPoint& p : in) {
        out.good += std::min(p.good, p.valid);
        out.valid += p.valid;
    }
    if (out.valid == 0)
        return out;
    out.attainment = double(out.good) / double(out.valid);
    const double allowed = (1.0 - objective) * double(out.valid);
    const double failedTotal = double(out.valid - out.good);
    out.budgetRemaining = allowed > 0 ? 1.0 - failedTotal / allowed : std::optional<double>();

    // Burn-down, bucket by bucket.
    qint64 failed = 0;
    for (const TrendPoint& p : in) {
        failed += p.valid - std::min(p.good, p.valid);
        if (allowed > 0)
            out.burnDown.append(
                QPointF(double(p.startMs + p.intervalMs), 1.0 - double(failed) / allowed));
    }
    if (!(objective < 1.0))
        return out;  // no budget: no burn rate
    // Time in alert: each bucket's own burn (1 h) and its trailing 6 h and
    // 3 d (the buckets that start within that much before it, itself
    // included), from running sums of good and valid events.
    const qsizetype n = in.size();
    QVector<qint64> goodSum(n + 1, 0), validSum(n + 1, 0);
    for (qsizetype i = 0; i < n; ++i) {
        goodSum[i + 1] = goodSum[i] + std::min(in[i].good, in[i].valid);
        validSum[i + 1] = validSum[i] + in[i].valid;
    }
    const auto burn = [&](qsizetype first, qsizetype last) {  // buckets first..last
        const qint64 valid = validSum[last + 1] - validSum[first];
        const qint64 good = goodSum[last + 1] - goodSum[first];
        return valid > 0 ? (1.0 - double(good) / double(valid)) / (1.0 - objective) : 0.0;
    };
    qsizetype from6h = 0, from3d = 0;
    for (qsizetype i = 0; i < n; ++i) {
        while (in[from6h].startMs <= in[i].startMs - kBurnWindowMs[Window6h])
            ++from6h;
        while (in[from3d].startMs <= in[i].startMs - kBurnWindowMs[Window3d])
            ++from3d;
        const double burn1h = burn(i, i);
        const double burn6h = burn(from6h, i);
        if (burn1h > kPageBurnRate || burn6h > kSlowPageBurnRate)
            out.pageMs += in[i].intervalMs;
        else if (burn(from3d, i) > kTicketBurnRate && burn6h > kTicketBurnRate)
            out.ticketMs += in[i].intervalMs;
    }
    return out;
}

QVector<TrendPoint> sumSeries(const QVector<QVector<TrendPoint>>& series)
{
    QMap<qint64, TrendPoint> byStart;
    for (const QVector<TrendPoint>& points : series) {
        for (const TrendPoint& p : points) {
            if (p.valid <= 0)
                continue;
            TrendPoint& sum = byStart[p.startMs];
            sum.startMs = p.startMs;
            sum.intervalMs = std::max(sum.intervalMs, p.intervalMs);
            sum.good += std::min(p.good, p.valid);
            sum.valid += p.valid;
        }
    }
    return QVector<TrendPoint>(byStart.begin(), byStart.end());
}

QString mttxName(Mttx m)
{
    switch (m) {
        case Mttx::Detect: return QStringLiteral("MTTD");
        case Mttx::Acknowledge: return QStringLiteral("MTTA");
        case Mttx::Recover: return QStringLiteral("MTTR");
    }
    return {};
}

QString mttxDefinition(Mttx m)
{
    switch (m) {
        case Mttx::Detect: return QStringLiteral("time to detect: started to detected");
        case Mttx::Acknowledge:
            return QStringLiteral("time to acknowledge: detected to acknowledged");
        case Mttx::Recover: return QStringLiteral("time to recover: started to resolved");
    }
    return {};
}

QString optionalDurationText(std::optional<qint64> ms)
{
    return ms ? incidentDurationText(*ms) : QStringLiteral("—");
}

std::optional<qint64> medianOf(QVector<qint64> values)
{
    if (values.isEmpty())
        return std::nullopt;
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    if (n % 2 == 1)
        return values[n / 2];
    // The mean of the middle two, rounded down to the millisecond.
    return values[n / 2 - 1] + (values[n / 2] - values[n / 2 - 1]) / 2;
}

std::optional<qint64> percentileOf(QVector<qint64> values, double p)
{
    if (values.isEmpty() || !(p > 0) || p > 1)
        return std::nullopt;
    std::sort(values.begin(), values.end());
    const auto rank = qsizetype(std::ceil(p * double(values.size()) - 1e-9));
    return values[std::clamp<qsizetype>(rank, 1, values.size()) - 1];
}

DurationStats mttxStats(const QVector<Incident>& incidents, Mttx which)
{
    DurationStats out;
    QVector<qint64> values;
    for (const Incident& i : incidents) {
        const Milestones& m = i.milestones;
        std::optional<qint64> from, to;
        switch (which) {
            case Mttx::Detect:
                from = m.startedMs;
                to = m.detectedMs;
                break;
            case Mttx::Acknowledge:
                from = m.detectedMs;
                to = m.acknowledgedMs;
                break;
            case Mttx::Recover:
                from = m.startedMs;
                to = m.resolvedMs;
                break;
        }
        if (!from || !to || *to < *from) {
            ++out.excluded;
            continue;
        }
        values.append(*to - *from);
    }
    out.count = int(values.size());
    out.medianMs = medianOf(values);
    out.p90Ms = percentileOf(values, 0.9);
    return out;
}

const QStringList& causeTaxonomy()
{
    static const QStringList keys{
        QStringLiteral("change"),         QStringLiteral("dependency/vendor"),
        QStringLiteral("capacity"),       QStringLiteral("configuration"),
        QStringLiteral("data"),           QStringLiteral("process"),
        QStringLiteral("monitoring gap"),
    };
    return keys;
}

namespace {

QString taxonomyKey(const QString& text)
{
    const QString t = text.trimmed().toLower();
    for (const QString& k : causeTaxonomy())
        if (t == k)
            return k;
    return {};
}

}  // namespace

QString parseCause(const QString& rootCause, QString* service)
{
    static const QRegularExpression line(
        QStringLiteral(R"(^\s*Cause:\s*([^.\n]+?)\s*\.(?:\s*Service:\s*([^.\s][^\n]*?)\s*\.)?)"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = line.match(rootCause);
    if (service)
        service->clear();
    if (!m.hasMatch())
        return {};
    if (service)
        *service = m.captured(2).trimmed();
    return taxonomyKey(m.captured(1));
}

QStringList parseFactors(const QString& contributingFactors)
{
    QStringList out;
    for (const QString& raw : contributingFactors.split('\n')) {
        QString l = raw.trimmed();
        if (l.startsWith('-') || l.startsWith('*'))
            l = l.mid(1);
        const QString key = taxonomyKey(l.section(':', 0, 0));
        if (!key.isEmpty() && !out.contains(key))
            out.append(key);
    }
    return out;
}

TrendIncident trendIncident(const Incident& incident, const QVector<PostmortemSection>& sections,
                            const QVector<TimelineEntry>& timeline,
                            const QVector<ActionItem>& items)
{
    TrendIncident t;
    t.incident = incident;
    t.actionItems = items;
    QStringList text;
    for (const PostmortemSection& s : sections) {
        if (s.key == PostmortemSectionKey::RootCause)
            t.cause = parseCause(s.text, &t.service);
        if (s.key == PostmortemSectionKey::ContributingFactors)
            t.factors = parseFactors(s.text);
        text.append(s.text);
    }
    for (const TimelineEntry& e : timeline)
        text.append(e.text);
    t.text = text.join('\n');
    return t;
}

qint64 weekStartMs(qint64 ms)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
    const QDate monday = t.date().addDays(1 - t.date().dayOfWeek());
    return QDateTime(monday, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
}

QVector<WeekCounts> incidentsPerWeek(const QVector<Incident>& incidents, qint64 fromMs, qint64 toMs)
{
    QVector<WeekCounts> out;
    if (toMs <= fromMs)
        return out;
    for (qint64 w = weekStartMs(fromMs); w < toMs; w += kWeekMs) {
        WeekCounts c;
        c.weekStartMs = w;
        out.append(c);
    }
    for (const Incident& i : incidents) {
        const qint64 at = i.milestones.startedMs.value_or(i.declaredMs);
        if (at < fromMs || at >= toMs)
            continue;
        const qint64 index = (weekStartMs(at) - out.front().weekStartMs) / kWeekMs;
        if (index >= 0 && index < out.size())
            ++out[index].bySeverity[std::clamp(int(i.severity), 1, 4) - 1];
    }
    return out;
}

namespace {

QVector<NamedCount> sortedCounts(QHash<QString, NamedCount>& byName, int minCount)
{
    QVector<NamedCount> out;
    for (const NamedCount& c : std::as_const(byName))
        if (c.count >= minCount)
            out.append(c);
    std::sort(out.begin(), out.end(), [](const NamedCount& a, const NamedCount& b) {
        return a.count != b.count ? a.count > b.count : a.name < b.name;
    });
    return out;
}

void count(QHash<QString, NamedCount>& byName, const QString& name, const Incident& i)
{
    NamedCount& c = byName[name];
    c.name = name;
    if (c.incidentIds.contains(i.id))
        return;
    ++c.count;
    c.incidentIds.append(i.id);
    c.titles.append(i.title);
}

// Whether `text` names the deploy `id` as a whole word ("dep-12" is not
// named by "dep-123").
bool names(const QString& text, const QString& id)
{
    if (id.isEmpty())
        return false;
    for (qsizetype at = text.indexOf(id); at >= 0; at = text.indexOf(id, at + 1)) {
        const qsizetype end = at + id.size();
        const bool startOk = at == 0 || !(text[at - 1].isLetterOrNumber() || text[at - 1] == '-');
        const bool endOk =
            end >= text.size() || !(text[end].isLetterOrNumber() || text[end] == '-');
        if (startOk && endOk)
            return true;
    }
    return false;
}

}  // namespace

QVector<NamedCount> incidentsByService(const QVector<TrendIncident>& incidents)
{
    QHash<QString, NamedCount> byName;
    for (const TrendIncident& t : incidents)
        count(byName, t.service.isEmpty() ? QStringLiteral("(not named)") : t.service, t.incident);
    return sortedCounts(byName, 1);
}

QVector<NamedCount> recurringCauses(const QVector<TrendIncident>& incidents, int minCount)
{
    QHash<QString, NamedCount> byName;
    for (const TrendIncident& t : incidents) {
        if (!t.cause.isEmpty())
            count(byName, t.cause, t.incident);
        for (const QString& f : t.factors)
            count(byName, f, t.incident);  // once per incident, cause or factor
    }
    return sortedCounts(byName, minCount);
}

QVector<LongIncident> longestIncidents(const QVector<Incident>& incidents, qint64 nowMs, int limit)
{
    QVector<LongIncident> out;
    for (const Incident& i : incidents) {
        const Milestones& m = i.milestones;
        const qint64 from = m.startedMs.value_or(i.declaredMs);
        const qint64 to = m.resolvedMs ? *m.resolvedMs : m.mitigatedMs ? *m.mitigatedMs : nowMs;
        out.append({i.id, i.title, i.severity, std::max<qint64>(0, to - from)});
    }
    std::sort(out.begin(), out.end(), [](const LongIncident& a, const LongIncident& b) {
        return a.durationMs != b.durationMs ? a.durationMs > b.durationMs : a.id < b.id;
    });
    if (out.size() > limit)
        out.resize(limit);
    return out;
}

QVector<OwnerItems> openItemsByOwner(const QVector<ActionItem>& items, qint64 nowMs,
                                     const QDate& today)
{
    QHash<QString, OwnerItems> byOwner;
    for (const ActionItem& a : items) {
        if (a.status != ActionItemStatus::Open && a.status != ActionItemStatus::InProgress)
            continue;
        const QString owner =
            a.owner.trimmed().isEmpty() ? QStringLiteral("(unassigned)") : a.owner.trimmed();
        OwnerItems& o = byOwner[owner];
        o.owner = owner;
        ++o.open;
        o.oldestAgeMs = std::max(o.oldestAgeMs, nowMs - a.createdMs);
        o.overdue += a.due.isValid() && a.due < today;
    }
    QVector<OwnerItems> out(byOwner.begin(), byOwner.end());
    std::sort(out.begin(), out.end(), [](const OwnerItems& a, const OwnerItems& b) {
        return a.open != b.open ? a.open > b.open : a.owner < b.owner;
    });
    return out;
}

ChangeStats changeStats(const QVector<TrendDeploy>& deploys,
                        const QVector<TrendIncident>& incidents, qint64 windowMs, qint64 fromMs,
                        qint64 toMs)
{
    ChangeStats out;
    QHash<qint64, int> perWeek, failuresPerWeek;
    for (const TrendDeploy& d : deploys) {
        if (d.startedMs < fromMs || d.startedMs >= toMs)
            continue;
        ++out.deploys;
        ++perWeek[weekStartMs(d.startedMs)];
        out.rolledBack += d.rolledBack;
        // Rolled back within the window (a rollback of unknown time counts).
        const bool rolledBackSoon =
            d.rolledBack && (!d.rolledBackMs || (*d.rolledBackMs >= d.startedMs &&
                                                 *d.rolledBackMs - d.startedMs <= windowMs));
        out.rolledBackInWindow += rolledBackSoon;
        bool failed = rolledBackSoon;
        for (const TrendIncident& t : incidents) {
            if (failed)
                break;
            const qint64 at = t.incident.milestones.startedMs.value_or(t.incident.declaredMs);
            failed = at >= d.startedMs && at - d.startedMs <= windowMs && names(t.text, d.id);
        }
        if (failed) {
            ++out.failed;
            out.failedIds.append(d.id);
            ++failuresPerWeek[weekStartMs(d.startedMs)];
        }
    }
    if (out.deploys > 0)
        out.failureRate = double(out.failed) / double(out.deploys);
    if (toMs > fromMs)
        for (qint64 w = weekStartMs(fromMs); w < toMs; w += kWeekMs) {
            out.deploysPerWeek.append({w, perWeek.value(w)});
            out.failuresPerWeek.append({w, failuresPerWeek.value(w)});
        }
    return out;
}

QVector<QPair<qint64, int>> flagChangesPerWeek(const QVector<TrendFlagChange>& changes,
                                               qint64 fromMs, qint64 toMs)
{
    QVector<QPair<qint64, int>> out;
    if (toMs <= fromMs)
        return out;
    for (qint64 w = weekStartMs(fromMs); w < toMs; w += kWeekMs)
        out.append({w, 0});
    for (const TrendFlagChange& c : changes) {
        if (c.atMs < fromMs || c.atMs >= toMs || c.environment != QLatin1String("production"))
            continue;
        const qint64 index = (weekStartMs(c.atMs) - out.front().first) / kWeekMs;
        if (index >= 0 && index < out.size())
            ++out[index].second;
    }
    return out;
}

ServiceWeeks incidentsPerWeekByService(const QVector<TrendIncident>& incidents, qint64 fromMs,
                                       qint64 toMs)
{
    ServiceWeeks out;
    if (toMs <= fromMs)
        return out;
    for (qint64 w = weekStartMs(fromMs); w < toMs; w += kWeekMs)
        out.weeks.append(w);
    QHash<QString, QVector<int>> byService;
    QHash<QString, int> totals;
    for (const TrendIncident& t : incidents) {
        const qint64 at = t.incident.milestones.startedMs.value_or(t.incident.declaredMs);
        if (at < fromMs || at >= toMs)
            continue;
        const QString service = t.service.isEmpty() ? QStringLiteral("(not named)") : t.service;
        QVector<int>& counts = byService[service];
        counts.resize(out.weeks.size());
        const qint64 index = (weekStartMs(at) - out.weeks.front()) / kWeekMs;
        if (index >= 0 && index < counts.size()) {
            ++counts[index];
            ++totals[service];
        }
    }
    out.services = byService.keys();
    std::sort(out.services.begin(), out.services.end(), [&](const QString& a, const QString& b) {
        return totals.value(a) != totals.value(b) ? totals.value(a) > totals.value(b) : a < b;
    });
    for (const QString& s : std::as_const(out.services))
        out.counts.append(byService.value(s));
    return out;
}

QVector<QStringList> serviceWeekRows(const ServiceWeeks& sw)
{
    QVector<QStringList> rows;
    for (int k = 0; k < sw.services.size(); ++k) {
        QStringList row{sw.services[k]};
        int total = 0;
        for (int n : sw.counts[k])
            total += n;
        row.append(QString::number(total));
        for (int n : sw.counts[k])
            row.append(n ? QString::number(n) : QString());
        rows.append(row);
    }
    return rows;
}

}  // namespace wf
