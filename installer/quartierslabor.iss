; Inno Setup 6 script: Windows installer for Quartierslabor.
;
; Per-user install WITHOUT administrator rights (municipal laptops): the app goes to
; %LOCALAPPDATA%\Programs\Quartierslabor ({userpf}), shortcuts to the user's start menu.
; Build the one-folder app first, then compile on Windows:
;     .venv\Scripts\python installer\build.py
;     iscc installer\quartierslabor.iss                 (version read from the built .exe)
;     iscc /DAppVersion=0.1.0 installer\quartierslabor.iss
; Output: dist\installer\quartierslabor-setup-<version>.exe
;
; The app keeps its data (database, backups, logs) in %LOCALAPPDATA%\Quartierslabor, outside
; {app}; uninstalling leaves it there on purpose, so no database is lost by an uninstall.

#define AppName "Quartierslabor"
#define AppExeName "quartierslabor.exe"
#define AppCliExeName "quartierslabor-cli.exe"
#define DistDir AddBackslash(SourcePath) + "..\dist\quartierslabor"
#ifndef AppVersion
  #define AppVersion GetFileVersionString(DistDir + "\" + AppExeName)
#endif
#if AppVersion == ""
  #error "Version not found: build dist\quartierslabor with installer\build.py first, or pass /DAppVersion=x.y.z"
#endif

[Setup]
; AppId identifies the app for updates and uninstall: never change it ("{{" is a literal "{").
AppId={{6B0E3C52-8F4D-4C9A-9A57-2E1D5B7C4A13}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
AppCopyright=GPL-3.0-or-later
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} Setup
; no admin rights needed, none requested
PrivilegesRequired=lowest
DefaultDirName={userpf}\{#AppName}
DisableProgramGroupPage=yes
DefaultGroupName={#AppName}
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SetupIconFile=..\resources\icons\quartierslabor.ico
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppName}
OutputDir=..\dist\installer
OutputBaseFilename=quartierslabor-setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
ShowLanguageDialog=auto

[Languages]
Name: "german"; MessagesFile: "compiler:Languages\German.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
german.CommandLineTool=Quartierslabor (Kommandozeile)
english.CommandLineTool=Quartierslabor (command line)

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; the whole PyInstaller one-folder build (both executables and _internal\)
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; an update replaces the bundled libraries completely (no stale files from an older version)
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExeName}"; WorkingDir: "{app}"; IconFilename: "{app}\{#AppExeName}"
Name: "{autoprograms}\{cm:CommandLineTool}"; Filename: "{cmd}"; Parameters: "/k ""{app}\{#AppCliExeName}"" --help"; WorkingDir: "{userdocs}"; IconFilename: "{app}\{#AppExeName}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#StringChange(AppName, '&', '&&')}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; only what the installer put into {app}; user data in %LOCALAPPDATA%\Quartierslabor stays
Type: filesandordirs; Name: "{app}\_internal"
