@echo off
rem Run the whole test suite on Windows, installing what it needs first. Extra arguments go to pytest.
setlocal
rem PYTHON names the Python that makes .venv (default: the newest the py launcher knows)
if "%PYTHON%"=="" (set "PY=py -3") else (set "PY=%PYTHON%")
%PY% "%~dp0_ensure_venv.py" || exit /b 1
cd /d "%~dp0.."
set QT_QPA_PLATFORM=offscreen
if "%SCREENER_TEST_WORKERS%"=="" set SCREENER_TEST_WORKERS=auto
".venv\Scripts\python.exe" -m pytest -n %SCREENER_TEST_WORKERS% %*
