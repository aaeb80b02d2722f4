#pragma once

// What the console can write of a postmortem before anyone types: the
// summary, the impact (journeys, regions, how long), detection and response
// (the milestones with MTTD, MTTA, time to mitigate and MTTR, each measured
// from the Started milestone), and the curated timeline (pinned entries,
// console actions with outcomes, alert crossings, status updates). Sections
// people must write themselves (root cause, contributing factors, what went
// well or badly) get a one-line prompt, not invented text.

#include "incident_types.h"

namespace wf {

// The prefilled text of one section ("" when it is for people to write).
QString postmortemPrefill(PostmortemSectionKey key, const Incident& incident,
                          const QVector<TimelineEntry>& timeline);
// The prefill with the impact figures (from the journey metrics, computed
// where they live) added to the Impact section.
QString postmortemPrefill(PostmortemSectionKey key, const Incident& incident,
                          const QVector<TimelineEntry>& timeline, const QString& impactFigures);
// The sections as they go into an export: what people saved, and for a
// section nobody has saved yet its prefill, marked as not reviewed.
QVector<PostmortemSection> postmortemSectionsForExport(const QVector<PostmortemSection>& saved,
                                                       const Incident& incident,
                                                       const QVector<TimelineEntry>& timeline,
                                                       const QString& impactFigures);
// The question a section answers, shown above the editor.
QString postmortemPrompt(PostmortemSectionKey key);

}  // namespace wf
