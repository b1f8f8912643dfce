; Inno Setup 6 script for Loket Kelurahan (Windows). Packs the PyInstaller one-folder build.
; Build on Windows, from the repo root, after `make dist` (or the pyinstaller command in README):
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" installer\loket.iss
; Output: dist\installer\LoketKelurahan-Setup-<version>.exe

#define AppName "Loket Kelurahan"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppExe "loket.exe"
#define BuildDir AddBackslash(SourcePath) + "..\dist\loket"

; Indonesian is an unofficial Inno Setup translation, so it is not always installed with the
; compiler: take installer\Indonesian.isl if present, else Inno's own Unofficial folder.
#if FileExists(AddBackslash(SourcePath) + "Indonesian.isl")
  #define IndonesianIsl AddBackslash(SourcePath) + "Indonesian.isl"
#elif FileExists(AddBackslash(CompilerPath) + "Languages\Unofficial\Indonesian.isl")
  #define IndonesianIsl "compiler:Languages\Unofficial\Indonesian.isl"
#elif FileExists(AddBackslash(CompilerPath) + "Languages\Indonesian.isl")
  #define IndonesianIsl "compiler:Languages\Indonesian.isl"
#else
  #error Indonesian.isl tidak ditemukan: unduh dari https://jrsoftware.org/files/istrans/ ke installer\Indonesian.isl
#endif

[Setup]
; AppId identifies the product for upgrades and uninstall: never change it.
AppId={{6CAB1880-A73A-4D4F-934F-595BF89D4478}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Loket Kelurahan
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Installs for all users by default; a clerk without admin rights may pick "only for me".
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist\installer
OutputBaseFilename=LoketKelurahan-Setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\{#AppExe}
SetupIconFile=..\resources\images\loket-kelurahan.ico
UninstallDisplayName={#AppName}
; Replacing files of a running app would corrupt the install: ask to close it first.
CloseApplications=yes
ShowLanguageDialog=auto

[Languages]
Name: "indonesian"; MessagesFile: "{#IndonesianIsl}"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; The whole one-folder build: loket.exe and _internal\ (Python, Qt, resources\).
Source: "{#BuildDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; IconFilename: "{app}\{#AppExe}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; IconFilename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] on purpose: the register, residents and audit chain live in the user's
; data folder (%LOCALAPPDATA%\LoketKelurahan, see desktop/paths.py). Uninstalling removes only
; the program files above, so reinstalling or upgrading keeps every record.
