#pragma once

// Rows of the reconciliation queue kept compactly: a page of rows is one
// vector of fixed-size records plus one UTF-8 buffer holding all their text;
// providers, regions and currencies are small indexes into a shared table.
// About 90 bytes a row plus its text (the queue can be a million rows, of
// which a view keeps a few thousand).

#include "recon_types.h"

#include <QByteArray>
#include <QStringList>
#include <QVector>

namespace wf {

// Providers, regions and currencies: few distinct values, stored once.
class StringTable {
public:
    quint8 intern(const QString& s);  // 255 when the table is full
    QString at(quint8 i) const { return i < values_.size() ? values_[i] : QString(); }

private:
    QStringList values_;
};

class RowPage {
public:
    void reserve(int rows, int textBytes);
    void append(const Mismatch& m, StringTable& table);
    Mismatch at(int i, const StringTable& table) const;
    int size() const { return int(rows_.size()); }
    QString id(int i) const;
    QByteArray idUtf8(int i) const;
    // Replaces row i (an update from the stream).
    void replace(int i, const Mismatch& m, StringTable& table);
    qsizetype bytes() const;

private:
    struct Span {
        quint32 offset = 0;
        quint16 length = 0;
    };
    enum Field { Id, OrderId, Reference, Assignee, Summary, Approval, Problem, FieldCount };
    struct Row {
        qint64 amountMinor = 0;
        qint64 detectedMs = 0;
        qint64 version = 0;
        Span text[FieldCount];
        qint16 rawType = 0;
        quint8 type = 0, status = 0, provider = 0, region = 0, currency = 0;
    };
    Row pack(const Mismatch& m, StringTable& table);
    Span store(const QString& s);
    QString text(const Span& s) const;

    QVector<Row> rows_;
    QByteArray text_;
};

}  // namespace wf
