#include "audit_log_view.h"

#include "audit_log_model.h"
#include "record_table_view.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace wf {

AuditLogView::AuditLogView(AuditLogModel* model, QWidget* parent)
    : QWidget(parent), table_(new RecordTableView(this)), status_(new QLabel(this))
{
    table_->setObjectName(QStringLiteral("auditTable"));
    table_->setModel(model);
    status_->setObjectName(QStringLiteral("auditStatus"));
    status_->setWordWrap(true);

    auto* verify = new QPushButton(tr("&Verify chain"), this);
    verify->setObjectName(QStringLiteral("verifyAudit"));
    verify->setToolTip(tr("Check that no entry was changed, removed or inserted"));
    auto* exportCsv = new QPushButton(tr("&Export CSV…"), this);
    exportCsv->setObjectName(QStringLiteral("exportAudit"));
    connect(verify, &QPushButton::clicked, this, &AuditLogView::verifyRequested);
    connect(exportCsv, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, tr("Export the audit log"),
                                                       QStringLiteral("watchfloor-audit.csv"),
                                                       tr("CSV files (*.csv)"));
        if (!f.isEmpty())
            emit exportRequested(f);
    });

    auto* bar = new QHBoxLayout;
    bar->addWidget(status_, 1);
    bar->addWidget(verify);
    bar->addWidget(exportCsv);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(table_, 1);
}

void AuditLogView::showVerification(bool ok, const QString& message)
{
    status_->setStyleSheet(ok ? QStringLiteral("color:#2e8b57") : QStringLiteral("color:#e06c6c"));
    status_->setText(message);
}

}  // namespace wf
