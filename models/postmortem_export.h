#pragma once

// A postmortem written out: Markdown (for a wiki or a pull request), HTML
// (self-contained, for mail and print) and PDF. The sections in the order
// of the write-up (an empty one says so), the action items as a table, and
// the incident's facts on top. Card numbers are masked and tokens removed
// in every format.

#include "incident_types.h"

namespace wf {

struct PostmortemDocument {
    Incident incident;
    QVector<PostmortemSection> sections;
    QVector<ActionItem> actionItems;
};

QString postmortemMarkdown(const PostmortemDocument& doc);
QString postmortemHtml(const PostmortemDocument& doc);
// Renders the HTML to an A4 PDF. Usable off the UI thread.
bool writePostmortemPdf(const PostmortemDocument& doc, const QString& path, QString* error);

}  // namespace wf
