#include "recon_row_store.h"

namespace wf {

quint8 StringTable::intern(const QString& s)
{
    const qsizetype i = values_.indexOf(s);
    if (i >= 0)
        return quint8(i);
    if (values_.size() >= 255)
        return 255;
    values_.append(s);
    return quint8(values_.size() - 1);
}

void RowPage::reserve(int rows, int textBytes)
{
    rows_.reserve(rows);
    text_.reserve(textBytes);
}

RowPage::Span RowPage::store(const QString& s)
{
    if (s.isEmpty())
        return {};
    QByteArray utf8 = s.toUtf8();
    if (utf8.size() > 0xffff)
        utf8.truncate(0xffff);  // the conversion caps fields far below this
    const Span span{quint32(text_.size()), quint16(utf8.size())};
    text_.append(utf8);
    return span;
}

QString RowPage::text(const Span& s) const
{
    return s.length == 0 ? QString() : QString::fromUtf8(text_.constData() + s.offset, s.length);
}

RowPage::Row RowPage::pack(const Mismatch& m, StringTable& table)
{
    Row r;
    r.amountMinor = m.amount.minor;
    r.detectedMs = m.detectedMs;
    r.version = m.version;
    r.rawType = qint16(qBound(-32768, m.rawType, 32767));
    r.type = quint8(m.type);
    r.status = quint8(m.status);
    r.provider = table.intern(m.providerId);
    r.region = table.intern(m.region);
    r.currency = table.intern(m.amount.currency);
    r.text[Id] = store(m.id);
    r.text[OrderId] = store(m.orderId);
    r.text[Reference] = store(m.providerReference);
    r.text[Assignee] = store(m.assignee);
    r.text[Summary] = store(m.summary);
    r.text[Approval] = store(m.pendingApprovalId);
    r.text[Problem] = store(m.problem);
    return r;
}

void RowPage::append(const Mismatch& m, StringTable& table)
{
    rows_.append(pack(m, table));
}

void RowPage::replace(int i, const Mismatch& m, StringTable& table)
{
    // The old text stays in the buffer until the page is fetched again.
    rows_[i] = pack(m, table);
}

Mismatch RowPage::at(int i, const StringTable& table) const
{
    const Row& r = rows_[i];
    Mismatch m;
    m.id = text(r.text[Id]);
    m.type = MismatchType(r.type);
    m.rawType = r.rawType;
    m.status = MismatchStatus(r.status);
    m.providerId = table.at(r.provider);
    m.region = table.at(r.region);
    m.orderId = text(r.text[OrderId]);
    m.providerReference = text(r.text[Reference]);
    m.amount = {r.amountMinor, table.at(r.currency)};
    m.detectedMs = r.detectedMs;
    m.assignee = text(r.text[Assignee]);
    m.version = r.version;
    m.summary = text(r.text[Summary]);
    m.pendingApprovalId = text(r.text[Approval]);
    m.problem = text(r.text[Problem]);
    return m;
}

QString RowPage::id(int i) const
{
    return text(rows_[i].text[Id]);
}

QByteArray RowPage::idUtf8(int i) const
{
    const Span& s = rows_[i].text[Id];
    return QByteArray(text_.constData() + s.offset, s.length);
}

qsizetype RowPage::bytes() const
{
    return rows_.capacity() * qsizetype(sizeof(Row)) + text_.capacity() + qsizetype(sizeof(*this));
}

}  // namespace wf
