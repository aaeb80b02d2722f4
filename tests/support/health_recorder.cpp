#include "health_recorder.h"

namespace wf::test {

HealthRecorder::HealthRecorder(JourneyHealthClient* client)
{
    connect(
        client, &JourneyHealthClient::catalogReady, this,
        [this](const PlatformCatalog& c) { catalog = c; }, Qt::QueuedConnection);
    connect(
        client, &JourneyHealthClient::historyReady, this,
        [this](const HealthHistory& h) {
            histories.append(h);
            sequences.clear();
        },
        Qt::QueuedConnection);
    connect(
        client, &JourneyHealthClient::samplesReceived, this,
        [this](const HealthBatch& b) {
            samplesTotal += b.size();
            for (const HealthSample& s : b)
                sequences.push_back(s.point.sequence);
        },
        Qt::QueuedConnection);
    connect(
        client, &JourneyHealthClient::dataProblem, this,
        [this](const QString& m) { problems << m; }, Qt::QueuedConnection);
    connect(
        client, &JourneyHealthClient::statusChanged, this,
        [this](const ConnectionStatus& s) { statuses.append(s); }, Qt::QueuedConnection);
}

QString HealthRecorder::checkContiguous() const
{
    if (histories.isEmpty())
        return QStringLiteral("no history loaded");
    quint64 expected = histories.last().upToSequence + 1;
    for (size_t i = 0; i < sequences.size(); ++i) {
        if (sequences[i] != expected)
            return QStringLiteral("sample %1: sequence %2, expected %3 (%4)")
                .arg(i)
                .arg(sequences[i])
                .arg(expected)
                .arg(sequences[i] < expected ? QStringLiteral("duplicate") : QStringLiteral("gap"));
        ++expected;
    }
    return {};
}

bool HealthRecorder::sawState(ConnectionState s) const
{
    for (const ConnectionStatus& st : statuses)
        if (st.state == s)
            return true;
    return false;
}

QString HealthRecorder::lastDetail() const
{
    for (auto it = statuses.rbegin(); it != statuses.rend(); ++it)
        if (!it->detail.isEmpty())
            return it->detail;
    return {};
}

}  // namespace wf::test
