#pragma once

// A postmortem written out: Markdown (for a wiki or a pull request), HTML
// (self-contained, for mail and print) and PDF. The sections in the order
// of the write-up (an empty one says so), the action items as a table, and
// the incident's facts on top. Card numbers are masked and tokens removed
// in every format. Charts of the affected journeys (the incident window
// shaded) follow the Impact section: embedded in the HTML and the PDF, and
// as image files next to the Markdown.

#include "incident_types.h"

#include <QImage>

namespace wf {

struct PostmortemChart {
    QString title;
    QImage image;
    QString file;  // Markdown: the image file, relative to the Markdown file
};

struct PostmortemDocument {
    Incident incident;
    QVector<PostmortemSection> sections;
    QVector<ActionItem> actionItems;
    QVector<PostmortemChart> charts;
};

// Charts link their `file` (written by the caller, see writePostmortemMarkdown).
QString postmortemMarkdown(const PostmortemDocument& doc);
// Self-contained: the charts as data: URLs. With `imageNames`, the charts
// are <img src="chart-N.png"> for a QTextDocument holding them as resources.
QString postmortemHtml(const PostmortemDocument& doc, bool imageNames = false);
// The Markdown file and its charts beside it (<name>-charts/chart-N.png).
bool writePostmortemMarkdown(PostmortemDocument doc, const QString& path, QString* error);
bool writePostmortemHtml(const PostmortemDocument& doc, const QString& path, QString* error);
// Renders the HTML to an A4 PDF. Usable off the UI thread.
bool writePostmortemPdf(const PostmortemDocument& doc, const QString& path, QString* error);

}  // namespace wf
