@echo off
rem Run Screener from this checkout on Windows, installing what it needs first.
rem   bin\screener --demo       the app on a throwaway demo database
rem   bin\screener --help       the command line
setlocal
rem PYTHON names the Python that makes .venv (default: the newest the py launcher knows)
if "%PYTHON%"=="" (set "PY=py -3") else (set "PY=%PYTHON%")
%PY% "%~dp0_ensure_venv.py" || exit /b 1
"%~dp0..\.venv\Scripts\screener.exe" %*
