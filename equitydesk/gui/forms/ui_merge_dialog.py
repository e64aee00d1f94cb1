# generated from ui/dialogs/merge_dialog.ui — do not edit (change the .ui file and run tools/compile_forms.py)
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'merge_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QDialog,
    QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel,
    QRadioButton, QSizePolicy, QSpacerItem, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_MergeDialog(object):
    def setupUi(self, MergeDialog):
        if not MergeDialog.objectName():
            MergeDialog.setObjectName(u"MergeDialog")
        MergeDialog.resize(900, 600)
        self.verticalLayout = QVBoxLayout(MergeDialog)
        self.verticalLayout.setObjectName(u"verticalLayout")
        self.introLabel = QLabel(MergeDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.verticalLayout.addWidget(self.introLabel)

        self.keepLayout = QHBoxLayout()
        self.keepLayout.setObjectName(u"keepLayout")
        self.keepLabel = QLabel(MergeDialog)
        self.keepLabel.setObjectName(u"keepLabel")
        self.keepLabel.setStyleSheet(u"font-weight: bold;")

        self.keepLayout.addWidget(self.keepLabel)

        self.keepFirstRadio = QRadioButton(MergeDialog)
        self.keepFirstRadio.setObjectName(u"keepFirstRadio")

        self.keepLayout.addWidget(self.keepFirstRadio)

        self.keepSecondRadio = QRadioButton(MergeDialog)
        self.keepSecondRadio.setObjectName(u"keepSecondRadio")

        self.keepLayout.addWidget(self.keepSecondRadio)

        self.keepSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.keepLayout.addItem(self.keepSpacer)


        self.verticalLayout.addLayout(self.keepLayout)

        self.comparisonTable = QTableWidget(MergeDialog)
        self.comparisonTable.setObjectName(u"comparisonTable")
        self.comparisonTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.comparisonTable.setSelectionMode(QAbstractItemView.NoSelection)
        self.comparisonTable.setWordWrap(False)

        self.verticalLayout.addWidget(self.comparisonTable)

        self.previewLabel = QLabel(MergeDialog)
        self.previewLabel.setObjectName(u"previewLabel")
        self.previewLabel.setWordWrap(True)
        self.previewLabel.setTextFormat(Qt.RichText)

        self.verticalLayout.addWidget(self.previewLabel)

        self.errorLabel = QLabel(MergeDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setStyleSheet(u"color: #b00020; font-weight: bold;")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.verticalLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(MergeDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setOrientation(Qt.Horizontal)
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.verticalLayout.addWidget(self.buttonBox)

        QWidget.setTabOrder(self.keepFirstRadio, self.keepSecondRadio)
        QWidget.setTabOrder(self.keepSecondRadio, self.comparisonTable)

        self.retranslateUi(MergeDialog)
        self.buttonBox.accepted.connect(MergeDialog.accept)
        self.buttonBox.rejected.connect(MergeDialog.reject)

        QMetaObject.connectSlotsByName(MergeDialog)
    # setupUi

    def retranslateUi(self, MergeDialog):
        MergeDialog.setWindowTitle(QCoreApplication.translate("MergeDialog", u"Merge two records", None))
        self.introLabel.setText(QCoreApplication.translate("MergeDialog", u"When one person was entered twice, merge the two records: one record is kept, the other's committees and attendance move to it, and the other record is removed.", None))
        self.keepLabel.setText(QCoreApplication.translate("MergeDialog", u"Keep:", None))
        self.keepFirstRadio.setText(QCoreApplication.translate("MergeDialog", u"Record &A", None))
        self.keepSecondRadio.setText(QCoreApplication.translate("MergeDialog", u"Record &B", None))
    # retranslateUi

