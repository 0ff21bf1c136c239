import "./styles.css";
import "./components/hub-app";
