#include "health_store.h"

namespace wf {

HealthStore::HealthStore(QObject* parent) : QObject(parent)
{
    recomputeTimer_.setSingleShot(true);
    recomputeTimer_.setInterval(200);
    connect(&recomputeTimer_, &QTimer::timeout, this, &HealthStore::recompute);
}

void HealthStore::setCatalog(const PlatformCatalog& catalog)
{
    emit catalogAboutToChange();
    catalog_ = catalog;
    series_.assign(size_t(catalog_.seriesCount()), HealthSeries{});
    statuses_.assign(size_t(journeyCount() * (regionCount() + 1)), SloStatus{});
    for (int j = 0; j < journeyCount(); ++j)
        for (int r = -1; r < regionCount(); ++r)
            statuses_[size_t(statusIndex(j, r))].objective = catalog_.journeys[j].objective;
    epoch_.clear();
    latestMs_ = 0;
    lastSequence_ = 0;
    emit catalogChanged();
}

void HealthStore::setHistory(const HealthHistory& history)
{
    for (size_t i = 0; i < series_.size(); ++i) {
        const qsizetype n = qsizetype(i);
        series_[i].setHistory(
            n < history.fine.size() ? history.fine[n] : QVector<HealthPoint>{},
            n < history.coarse.size() ? history.coarse[n] : QVector<HealthPoint>{});
    }
    epoch_ = history.epoch;
    lastSequence_ = history.upToSequence;
    latestMs_ = 0;
    for (const HealthSeries& s : series_)
        latestMs_ = std::max(latestMs_, s.latestEndMs());
    emit historyReset();
    recompute();
}

void HealthStore::ingest(const HealthBatch& batch)
{
    int appended = 0;
    for (const HealthSample& s : batch) {
        if (s.series < 0 || size_t(s.series) >= series_.size())
            continue;  // the client validates; never index out of range here
        switch (series_[size_t(s.series)].append(s.point)) {
            case HealthSeries::AppendResult::Appended:
                ++appended;
                latestMs_ = std::max(latestMs_, s.point.endMs());
                lastSequence_ = std::max(lastSequence_, s.point.sequence);
                break;
            case HealthSeries::AppendResult::Duplicate: ++counters_.duplicates; break;
            case HealthSeries::AppendResult::OutOfOrder: ++counters_.outOfOrder; break;
        }
    }
    counters_.samples += appended;
    appendsSinceTrim_ += appended;
    if (appendsSinceTrim_ > 20000) {
        appendsSinceTrim_ = 0;
        for (HealthSeries& s : series_)
            s.trim();
    }
    if (appended > 0) {
        emit samplesAppended(appended);
        if (!recomputeTimer_.isActive())
            recomputeTimer_.start();
    }
}

const HealthSeries& HealthStore::series(int journey, int region) const
{
    return series_[size_t(catalog_.seriesIndex(journey, region))];
}

int HealthStore::statusIndex(int journey, int region) const
{
    return journey * (regionCount() + 1) + (region + 1);
}

SloInputs HealthStore::inputs(int journey, int region) const
{
    const qint64 sloWindow = catalog_.journeys[journey].sloWindowMs;
    auto one = [&](int r) {
        SloInputs in;
        const HealthSeries& s = series(journey, r);
        for (int w = 0; w < BurnWindowCount; ++w)
            in.windows[w] = s.window(latestMs_, kBurnWindowMs[w]);
        in.sloWindow = s.window(latestMs_, sloWindow);
        return in;
    };
    if (region >= 0)
        return one(region);
    SloInputs all;
    for (int r = 0; r < regionCount(); ++r)
        all += one(r);
    return all;
}

const SloStatus& HealthStore::status(int journey, int region) const
{
    return statuses_[size_t(statusIndex(journey, region))];
}

void HealthStore::recompute()
{
    recomputeTimer_.stop();
    for (int j = 0; j < journeyCount(); ++j) {
        const JourneyDefinition& def = catalog_.journeys[j];
        for (int r = -1; r < regionCount(); ++r)
            statuses_[size_t(statusIndex(j, r))] =
                evaluateSlo(inputs(j, r), def.objective, def.sloWindowMs);
    }
    emit statusesChanged();
}

}  // namespace wf
