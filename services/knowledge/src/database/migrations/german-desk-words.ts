/**
 * Common words of German IT service-desk texts, written for this project. Migration
 * `1764900010000-german-compounds` stores their lexemes as known compound parts, so compounds
 * such as "Druckerwarteschlange" split before any article contains "Warteschlange" on its own.
 * The list is part of that migration: a change to it needs a new migration.
 */
export const GERMAN_DESK_WORDS = `
  Abmeldung Absender Adresse Akku Aktualisierung Anhang Anmeldung Anruf Anschluss Antwort Anwendung
  Anzeige Arbeit Arbeitsplatz Auftrag Ausdruck Ausfall Ausgabe Ausweis Authentifizierung Backup
  Benachrichtigung Benutzer Berechtigung Bericht Betrieb Betriebssystem Bild Bildschirm Browser
  Daten Datei Datenbank Dienst Dokument Drucker Druck Eingabe Eingang Einrichtung Einstellung
  Empfang Empfänger Endgerät Ereignis Fehler Fehlermeldung Fenster Festplatte Filter Firma Freigabe
  Funk Gast Gerät Gruppe Hardware Hilfe Hintergrund Installation Kabel Kalender Kamera Karte Kasse
  Kennung Kennwort Kette Konferenz Konto Kopie Kopierer Laptop Lauf Laufwerk Leitung Leistung
  Liste Lizenz Löschung Mail Meldung Mikrofon Mitarbeiter Monitor Nachricht Name Netz Netzwerk
  Notebook Nummer Ordner Papier Passwort Plan Platte Portal Postfach Profil Programm Protokoll
  Prüfung Rechner Rechte Richtlinie Router Schalter Schirm Schlange Schlüssel Schnittstelle
  Schrift Schutz Seite Server Sicherheit Sicherung Signatur Sitzung Software Speicher Sperre
  Sprache Stau Steckdose Stecker Störung Suche System Tastatur Taste Team Telefon Termin Treiber
  Update Verbindung Verlauf Versand Verschlüsselung Verteiler Verwaltung Verzeichnis Vorlage
  Warteschlange Wartung Werk Wiederherstellung Zeit Zertifikat Zugang Zugriff Zugriffsrechte
  ändern Änderung anmelden abmelden drucken einrichten entsperren freigeben installieren
  kopieren leeren löschen prüfen speichern sperren starten suchen synchronisieren verbinden
  wiederherstellen zurücksetzen
`;
