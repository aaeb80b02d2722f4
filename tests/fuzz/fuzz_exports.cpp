// What the console writes out, from any content the platform or a user can
// put in it: a reconciliation CSV row, read back with an RFC 4180 reader
// written here, and the postmortem as Markdown and HTML. Properties:
//   - a CSV row reads back as one record of exactly the header's fields;
//     each text cell reads back as the redacted text (with the apostrophe
//     that defuses a formula), each number as the number;
//   - no card number and no known secret is left in any export.

#include "fuzz_support.h"
#include "postmortem_export.h"
#include "recon_csv_export.h"
#include "redaction.h"

#include <QStringList>

using wffuzz::FuzzInput;

namespace {

const QString kSecret = QStringLiteral("wf-export-Secret-77Kq");

// RFC 4180: records end with CRLF; a quoted field may hold commas, quotes
// (doubled) and line breaks. Returns the records, or nothing if malformed.
std::optional<QList<QStringList>> readCsv(const QString& text)
{
    QList<QStringList> records;
    QStringList record;
    QString field;
    qsizetype i = 0;
    const qsizetype n = text.size();
    bool fieldStarted = false;
    while (i < n) {
        const QChar c = text[i];
        if (c == QLatin1Char('"') && !fieldStarted && field.isEmpty()) {
            ++i;
            for (;;) {
                if (i >= n)
                    return std::nullopt;  // an unterminated quote
                if (text[i] == QLatin1Char('"')) {
                    if (i + 1 < n && text[i + 1] == QLatin1Char('"')) {
                        field += QLatin1Char('"');
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field += text[i++];
            }
            fieldStarted = true;
            if (i < n && text[i] != QLatin1Char(',') && text[i] != QLatin1Char('\r'))
                return std::nullopt;  // text after a closing quote
            continue;
        }
        if (c == QLatin1Char(',')) {
            record << field;
            field.clear();
            fieldStarted = false;
            ++i;
        } else if (c == QLatin1Char('\r')) {
            if (i + 1 >= n || text[i + 1] != QLatin1Char('\n'))
                return std::nullopt;  // a bare CR outside quotes
            record << field;
            records << record;
            record.clear();
            field.clear();
            fieldStarted = false;
            i += 2;
        } else if (c == QLatin1Char('\n') || c == QLatin1Char('"')) {
            return std::nullopt;  // a bare LF or a stray quote outside quotes
        } else {
            field += c;
            fieldStarted = true;
            ++i;
        }
    }
    if (!record.isEmpty() || fieldStarted)
        return std::nullopt;  // the last record has no CRLF
    return records;
}

QString expectedCell(const QString& text)
{
    QString v = wf::redactSecrets(text);
    if (!v.isEmpty() && QStringLiteral("=+-@\t\r").contains(v.front()))
        v.prepend(QLatin1Char('\''));
    return v;
}

void noLeak(const QString& out, const char* what)
{
    const QString card = wffuzz::visibleCardNumber(out);
    FUZZ_CHECK(card.isEmpty(), QStringLiteral("%1: card number %2 left").arg(what, card));
    FUZZ_CHECK(!out.contains(kSecret), QStringLiteral("%1: the secret left").arg(what));
}

void csvRoundTrip(FuzzInput& in)
{
    wf::Mismatch m;
    m.id = in.text(200);
    m.rawType = int(in.u32() % 12);
    m.type = wf::MismatchType(m.rawType % 10);
    m.status = wf::MismatchStatus(in.byte() % 6);
    m.amount.minor = in.i64();
    m.amount.currency = in.text(4);
    m.providerId = in.text(64);
    m.region = in.text(64);
    m.orderId = in.text(64);
    m.providerReference = in.text(64);
    m.detectedMs = in.i64() % (253'402'300'799'000LL);
    m.assignee = in.text(64);
    m.version = in.i64();
    m.summary = in.text(2000);
    const qint64 nowMs = 1'764'000'000'000;

    const QString header = wf::ReconCsvExport::csvHeader();
    const QString row = wf::ReconCsvExport::csvRow(m, nowMs);
    noLeak(row, "CSV");
    const auto records = readCsv(header + row);
    FUZZ_CHECK(records.has_value(), QStringLiteral("the CSV does not read back: %1").arg(row));
    FUZZ_CHECK(records->size() == 2,
               QStringLiteral("one row read back as %1 records").arg(records->size() - 1));
    const QStringList& names = records->at(0);
    const QStringList& cells = records->at(1);
    FUZZ_CHECK(cells.size() == names.size(),
               QStringLiteral("%1 cells under %2 columns").arg(cells.size()).arg(names.size()));
    const auto cell = [&](const char* name) { return cells[names.indexOf(QLatin1String(name))]; };
    const std::pair<const char*, QString> texts[] = {{"id", m.id},
                                                     {"provider", m.providerId},
                                                     {"region", m.region},
                                                     {"order_id", m.orderId},
                                                     {"provider_reference", m.providerReference},
                                                     {"assignee", m.assignee},
                                                     {"summary", m.summary},
                                                     {"currency", m.amount.currency}};
    for (const auto& [name, text] : texts)
        FUZZ_CHECK(cell(name) == expectedCell(text),
                   QStringLiteral("%1 read back as \"%2\", not \"%3\"")
                       .arg(QLatin1String(name), cell(name), expectedCell(text)));
    // Numbers read back as written, unless shaped like a card number.
    const QString minor = QString::number(m.amount.minor);
    FUZZ_CHECK(cell("amount_minor") == wf::maskCardNumbers(minor),
               QStringLiteral("amount_minor %1 read back as %2").arg(minor, cell("amount_minor")));
    const QString version = QString::number(m.version);
    FUZZ_CHECK(cell("version") == wf::maskCardNumbers(version),
               QStringLiteral("version %1 read back as %2").arg(version, cell("version")));
}

void postmortem(FuzzInput& in)
{
    wf::PostmortemDocument doc;
    doc.incident.id = in.text(40);
    doc.incident.title = in.text(200);
    doc.incident.severity = wf::Severity(1 + in.byte() % 4);
    doc.incident.declaredMs = in.i64() % (253'402'300'799'000LL);
    const int sections = in.byte() % 11;
    for (int k = 0; k < sections; ++k) {
        wf::PostmortemSection s;
        s.key = wf::PostmortemSectionKey(k);
        s.text = in.text(3000);
        doc.sections.append(s);
    }
    const int items = in.byte() % 4;
    for (int k = 0; k < items; ++k) {
        wf::ActionItem a;
        a.title = in.text(200);
        a.owner = in.text(40);
        a.due = QDate(2026, 1, 1).addDays(in.byte());
        doc.actionItems.append(a);
    }
    noLeak(wf::postmortemMarkdown(doc), "Markdown");
    noLeak(wf::postmortemHtml(doc), "HTML");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const bool once = [] {
        wf::addKnownSecret(kSecret);
        return true;
    }();
    (void)once;
    FuzzInput in(data, size);
    if (in.byte() & 1)
        postmortem(in);
    else
        csvRoundTrip(in);
    return 0;
}
