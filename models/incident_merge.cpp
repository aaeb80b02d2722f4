#include "incident_merge.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace wf {

namespace {

QJsonValue ms(std::optional<qint64> v)
{
    return v ? QJsonValue(double(*v)) : QJsonValue();
}

std::optional<qint64> ms(const QJsonValue& v)
{
    return v.isDouble() ? std::optional<qint64>(qint64(v.toDouble())) : std::nullopt;
}

template <typename T>
void take(T& out, const T& base, const T& mine, const T& theirs)
{
    out = mine != base ? mine : theirs;
}

}  // namespace

QString incidentBase(const Incident& i)
{
    const QJsonObject o{
        {QStringLiteral("severity"), severityKey(i.severity)},
        {QStringLiteral("title"), i.title},
        {QStringLiteral("journeys"), QJsonArray::fromStringList(i.journeys)},
        {QStringLiteral("regions"), QJsonArray::fromStringList(i.regions)},
        {QStringLiteral("commander"), i.roles.commander},
        {QStringLiteral("communications_lead"), i.roles.communicationsLead},
        {QStringLiteral("scribe"), i.roles.scribe},
        {QStringLiteral("status"), incidentStatusKey(i.status)},
        {QStringLiteral("started"), ms(i.milestones.startedMs)},
        {QStringLiteral("detected"), ms(i.milestones.detectedMs)},
        {QStringLiteral("acknowledged"), ms(i.milestones.acknowledgedMs)},
        {QStringLiteral("mitigated"), ms(i.milestones.mitigatedMs)},
        {QStringLiteral("resolved"), ms(i.milestones.resolvedMs)},
    };
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

bool readIncidentBase(const QString& base, Incident* into)
{
    const QJsonDocument doc = QJsonDocument::fromJson(base.toUtf8());
    if (!doc.isObject())
        return false;
    const QJsonObject o = doc.object();
    const std::optional<Severity> severity = severityFromKey(o.value("severity").toString());
    const std::optional<IncidentStatus> status =
        incidentStatusFromKey(o.value("status").toString());
    if (!severity || !status)
        return false;
    into->severity = *severity;
    into->status = *status;
    into->title = o.value("title").toString();
    into->journeys.clear();
    for (const QJsonValue& v : o.value("journeys").toArray())
        into->journeys.append(v.toString());
    into->regions.clear();
    for (const QJsonValue& v : o.value("regions").toArray())
        into->regions.append(v.toString());
    into->roles = {o.value("commander").toString(), o.value("communications_lead").toString(),
                   o.value("scribe").toString()};
    into->milestones = {ms(o.value("started")), ms(o.value("detected")),
                        ms(o.value("acknowledged")), ms(o.value("mitigated")),
                        ms(o.value("resolved"))};
    return true;
}

Incident mergeIncident(const Incident& base, const Incident& mine, const Incident& theirs)
{
    Incident out = theirs;
    take(out.severity, base.severity, mine.severity, theirs.severity);
    take(out.title, base.title, mine.title, theirs.title);
    take(out.journeys, base.journeys, mine.journeys, theirs.journeys);
    take(out.regions, base.regions, mine.regions, theirs.regions);
    take(out.roles.commander, base.roles.commander, mine.roles.commander, theirs.roles.commander);
    take(out.roles.communicationsLead, base.roles.communicationsLead, mine.roles.communicationsLead,
         theirs.roles.communicationsLead);
    take(out.roles.scribe, base.roles.scribe, mine.roles.scribe, theirs.roles.scribe);
    take(out.status, base.status, mine.status, theirs.status);
    for (Milestone m : {Milestone::Started, Milestone::Detected, Milestone::Acknowledged,
                        Milestone::Mitigated, Milestone::Resolved}) {
        std::optional<qint64> v;
        take(v, base.milestones.at(m), mine.milestones.at(m), theirs.milestones.at(m));
        out.milestones.set(m, v);
    }
    return out;
}

QString actionItemBase(const ActionItem& a)
{
    const QJsonObject o{
        {QStringLiteral("title"), a.title},
        {QStringLiteral("owner"), a.owner},
        {QStringLiteral("due"), a.due.isValid() ? a.due.toString(Qt::ISODate) : QString()},
        {QStringLiteral("priority"), actionItemPriorityKey(a.priority)},
        {QStringLiteral("type"), actionItemTypeKey(a.type)},
        {QStringLiteral("status"), actionItemStatusKey(a.status)},
    };
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

}  // namespace wf
